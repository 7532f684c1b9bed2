SELECT useridentity_arn,
       count_if(errorcode IS NOT NULL) AS errors,
       count_if(errorcode IS NULL) AS ok,
       count(*) AS total
FROM cloudtrail_logs
GROUP BY useridentity_arn
HAVING count_if(errorcode IS NOT NULL) > 0.5 * count(*)
