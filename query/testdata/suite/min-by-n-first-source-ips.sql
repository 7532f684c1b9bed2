-- min_by(x, y, n), with groups of fewer rows than n: each role's first two IAM calls of the day (source IP and event id)
SELECT useridentity.sessioncontext.sessionissuer.username AS role,
  min_by(sourceipaddress || '@' || eventid, eventtime, 2) AS first_two
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND date = '2026-01-03' AND eventsource = 'iam.amazonaws.com'
GROUP BY 1
ORDER BY 1
