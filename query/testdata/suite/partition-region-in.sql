-- region IN (...)
SELECT region, account, count(*) AS n
FROM cloudtrail_logs
WHERE region IN ('us-west-2', 'eu-west-1')
GROUP BY 1, 2
