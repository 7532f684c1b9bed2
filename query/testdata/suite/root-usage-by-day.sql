-- root account usage: calls by the root user per account and day, excluding AWS-service-invoked ones
SELECT account, date, count(*) AS calls, count(DISTINCT sourceipaddress) AS ips,
       array_join(array_sort(array_agg(DISTINCT eventname)), ',') AS apis
FROM cloudtrail_logs
WHERE useridentity.type = 'Root' AND useridentity.invokedby IS NULL AND eventtype <> 'AwsServiceEvent'
GROUP BY account, date
ORDER BY account, date
/* duckdb:
SELECT account, date, count(*) AS calls, count(DISTINCT sourceipaddress) AS ips,
       array_to_string(list_sort(list(DISTINCT eventname)), ',') AS apis
FROM cloudtrail_logs
WHERE useridentity.type = 'Root' AND useridentity.invokedby IS NULL AND eventtype <> 'AwsServiceEvent'
GROUP BY account, date
ORDER BY account, date
*/
