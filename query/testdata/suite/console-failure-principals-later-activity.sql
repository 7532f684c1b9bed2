-- principals with a failed console sign-in (IN subquery on responseElements.ConsoleLogin): their calls by outcome, and when they were last seen
SELECT useridentity.arn AS arn,
       count(*) AS calls,
       count_if(errorcode IS NULL) AS ok,
       count_if(errorcode IS NOT NULL) AS failed,
       count(DISTINCT sourceipaddress) AS ips,
       max(eventtime) AS last_seen
FROM cloudtrail_logs
WHERE useridentity.arn IN (
  SELECT useridentity.arn FROM cloudtrail_logs
  WHERE eventname = 'ConsoleLogin' AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure'
)
GROUP BY 1
ORDER BY calls DESC, arn
