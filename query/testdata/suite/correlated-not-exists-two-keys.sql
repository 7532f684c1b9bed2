-- correlated NOT EXISTS on two keys with an inner filter: access keys used in a region where the same principal made no write that day
SELECT c.useridentity.accesskeyid AS key, c.awsregion, c.date, count(*) AS n
FROM cloudtrail_logs AS c
WHERE c.useridentity.accesskeyid LIKE 'AKIA%'
  AND NOT EXISTS (
    SELECT 1 FROM cloudtrail_logs AS w
    WHERE w.readonly = false AND w.useridentity.arn = c.useridentity.arn AND c.awsregion = w.awsregion
      AND w.date = c.date
    LIMIT 1
  )
GROUP BY 1, 2, 3
ORDER BY n DESC, key, c.awsregion, c.date
LIMIT 30
