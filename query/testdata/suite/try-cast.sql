-- TRY_CAST gives NULL where CAST would fail
SELECT try_cast(json_extract_scalar(requestparameters, '$.durationSeconds') AS INTEGER) AS secs,
       try_cast(eventname AS INTEGER) AS bad,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'AssumeRole'
GROUP BY 1, 2
