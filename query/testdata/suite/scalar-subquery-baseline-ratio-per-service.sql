-- services whose error rate is above the lake-wide error rate (a scalar subquery as the baseline), with the ratio to it
SELECT eventsource, count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors,
       round(CAST(count_if(errorcode IS NOT NULL) AS double) / count(*)
             / (SELECT CAST(count_if(errorcode IS NOT NULL) AS double) / count(*) FROM cloudtrail_logs), 3) AS vs_baseline
FROM cloudtrail_logs
GROUP BY eventsource
HAVING CAST(count_if(errorcode IS NOT NULL) AS double) / count(*) > (SELECT CAST(count_if(errorcode IS NOT NULL) AS double) / count(*) FROM cloudtrail_logs)
ORDER BY vs_baseline DESC, eventsource
