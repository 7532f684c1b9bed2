-- count(*) counts rows, count(col) non-NULL values
SELECT count(*) AS all_rows, count(useridentity.arn) AS with_arn, count(errorcode) AS with_error,
       count(eventtime) AS with_time, count(readonly) AS with_readonly, count(resources) AS with_resources
FROM cloudtrail_logs
