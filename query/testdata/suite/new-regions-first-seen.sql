-- a principal's first day in each region after its first day anywhere: regions newly used
WITH firsts AS (
  SELECT useridentity.arn AS arn, region, min(date) AS first_day
  FROM cloudtrail_logs
  WHERE useridentity.type IN ('IAMUser', 'AssumedRole') AND date IS NOT NULL AND account = '087463005387'
  GROUP BY 1, 2
)
SELECT arn, region, first_day
FROM (SELECT arn, region, first_day, min(first_day) OVER (PARTITION BY arn) AS principal_first FROM firsts) AS t
WHERE first_day > principal_first
ORDER BY arn, region
