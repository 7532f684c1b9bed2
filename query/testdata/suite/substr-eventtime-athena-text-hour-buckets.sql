-- the Athena string idioms on eventtime: hourly buckets by substr(eventtime, 1, 13), filtered with eventtime LIKE, console and IAM calls per bucket
SELECT substr(eventtime, 1, 13) AS hour_bucket,
       count_if(eventsource = 'signin.amazonaws.com') AS signins,
       count_if(eventsource = 'iam.amazonaws.com') AS iam_calls,
       count(*) AS calls
FROM cloudtrail_logs
WHERE eventtime LIKE '2026-01-02T1%' AND account IN ('087463005387', '123456789012')
GROUP BY 1
ORDER BY 1
/* duckdb:
SELECT strftime(eventtime, '%Y-%m-%dT%H') AS hour_bucket,
       count_if(eventsource = 'signin.amazonaws.com') AS signins,
       count_if(eventsource = 'iam.amazonaws.com') AS iam_calls,
       count(*) AS calls
FROM cloudtrail_logs
WHERE strftime(eventtime, '%Y-%m-%dT%H') LIKE '2026-01-02T1%' AND account IN ('087463005387', '123456789012')
GROUP BY 1
ORDER BY 1
*/
