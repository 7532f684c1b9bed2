-- when each IAM user first called in each region (min over a window = the call's time), and how many regions they ever used
WITH firsts AS (
  SELECT useridentity.arn AS arn, awsregion, eventtime, eventname,
         min(eventtime) OVER (PARTITION BY useridentity.arn, awsregion) AS first_in_region,
         row_number() OVER (PARTITION BY useridentity.arn, awsregion ORDER BY eventtime, eventid) AS rn
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser'
)
SELECT arn, awsregion, eventtime AS first_seen, eventname AS first_api,
       count(*) OVER (PARTITION BY arn) AS regions_used,
       rank() OVER (PARTITION BY arn ORDER BY eventtime) AS region_order
FROM firsts
WHERE eventtime = first_in_region AND rn = 1
ORDER BY arn, region_order, awsregion
