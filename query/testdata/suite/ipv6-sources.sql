-- IPv6 source addresses
SELECT account, count(*) AS n, count(DISTINCT sourceipaddress) AS ips
FROM cloudtrail_logs
WHERE strpos(sourceipaddress, ':') > 0
GROUP BY account
