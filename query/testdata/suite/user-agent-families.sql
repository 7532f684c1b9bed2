-- CASE over LIKE patterns: user agent families
SELECT CASE WHEN useragent LIKE 'aws-cli/%' THEN 'cli'
            WHEN useragent LIKE 'Boto3/%' THEN 'python'
            WHEN useragent LIKE '%Terraform%' THEN 'terraform'
            WHEN useragent = 'console.amazonaws.com' THEN 'console'
            WHEN useragent LIKE '%.amazonaws.com' THEN 'service'
            ELSE 'other' END AS family,
       count(*) AS n, count(DISTINCT sourceipaddress) AS ips
FROM cloudtrail_logs
GROUP BY 1
