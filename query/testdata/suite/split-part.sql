-- split_part, NULL past the last field
SELECT split_part(useridentity.arn, '/', 2) AS role, split_part(useridentity.arn, ':', 5) AS acct,
       split_part(useridentity.arn, '/', 9) AS past_end, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole'
GROUP BY 1, 2, 3
