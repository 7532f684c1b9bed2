-- calls through VPC endpoints
SELECT account, eventsource, count(*) AS n, count(DISTINCT vpcendpointid) AS endpoints
FROM cloudtrail_logs
WHERE vpcendpointid IS NOT NULL
GROUP BY 1, 2
