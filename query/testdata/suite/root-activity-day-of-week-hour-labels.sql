-- root account activity by weekday and hour (day_of_week, hour), labelled weekend / after hours with CASE
SELECT day_of_week(eventtime) AS dow,
       CASE WHEN day_of_week(eventtime) IN (6, 7) THEN 'weekend'
            WHEN hour(eventtime) < 8 OR hour(eventtime) >= 18 THEN 'after-hours'
            ELSE 'office' END AS slot,
       count(*) AS calls, count(DISTINCT account) AS accounts,
       array_agg(DISTINCT eventname ORDER BY eventname) AS apis
FROM cloudtrail_logs
WHERE useridentity.type = 'Root'
GROUP BY 1, 2
ORDER BY 1, 2
/* duckdb:
SELECT day_of_week(eventtime) AS dow,
       CASE WHEN day_of_week(eventtime) IN (6, 7) THEN 'weekend'
            WHEN hour(eventtime) < 8 OR hour(eventtime) >= 18 THEN 'after-hours'
            ELSE 'office' END AS slot,
       count(*) AS calls, count(DISTINCT account) AS accounts,
       array_agg(DISTINCT eventname ORDER BY eventname) AS apis
FROM cloudtrail_logs
WHERE useridentity.type = 'Root'
GROUP BY 1, 2
ORDER BY 1, 2
*/
