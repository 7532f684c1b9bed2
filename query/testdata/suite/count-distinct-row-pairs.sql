-- count(DISTINCT (a, b)): distinct service/API pairs and distinct principal/IP pairs per account
SELECT account, count(DISTINCT (eventsource, eventname)) AS apis,
       count(DISTINCT (useridentity.arn, sourceipaddress)) AS principal_ips
FROM cloudtrail_logs
GROUP BY account
