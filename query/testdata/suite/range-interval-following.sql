-- RANGE frames that look forward: after each IAM user error, the calls in the next five minutes (peers at the same instant included) and the last call 1 to 10 minutes later
SELECT arn, eventtime, eventid, n_next, errors_next, last_next
FROM (
  SELECT useridentity.arn AS arn, eventtime, eventid, errorcode,
    count(*) OVER (PARTITION BY useridentity.arn ORDER BY eventtime RANGE BETWEEN CURRENT ROW AND INTERVAL '5' MINUTE FOLLOWING) AS n_next,
    count(errorcode) OVER (PARTITION BY useridentity.arn ORDER BY eventtime RANGE BETWEEN CURRENT ROW AND INTERVAL '5' MINUTE FOLLOWING) AS errors_next,
    max(eventtime) OVER (PARTITION BY useridentity.arn ORDER BY eventtime RANGE BETWEEN INTERVAL '1' MINUTE FOLLOWING AND INTERVAL '10' MINUTE FOLLOWING) AS last_next
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND account = '256224797377' AND date = '2026-01-02'
) AS t
WHERE errorcode IS NOT NULL
ORDER BY arn, eventtime, eventid
