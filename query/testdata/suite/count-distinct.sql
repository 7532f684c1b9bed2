-- count(DISTINCT) per account
SELECT account, count(DISTINCT useridentity.arn) AS principals, count(DISTINCT sourceipaddress) AS ips,
       count(DISTINCT eventname) AS apis
FROM cloudtrail_logs
GROUP BY account
