-- root credentials in use (AWS's sample query)
SELECT account, eventname, sourceipaddress, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'Root'
  AND useridentity.invokedby IS NULL
  AND eventtype <> 'AwsServiceEvent'
GROUP BY 1, 2, 3
