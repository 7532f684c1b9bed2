SELECT eventtime + INTERVAL '1 02:03:04' DAY TO SECOND AS shifted,
       INTERVAL -'3' MONTH AS back,
       INTERVAL '1-6' YEAR TO MONTH AS eighteen_months
FROM cloudtrail_logs
LIMIT 1
