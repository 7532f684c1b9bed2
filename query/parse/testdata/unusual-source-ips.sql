WITH usual AS (
  SELECT sourceipaddress, count(*) AS n
  FROM cloudtrail_logs
  WHERE date BETWEEN '2026-01-01' AND '2026-01-31'
  GROUP BY sourceipaddress
)
SELECT c.sourceipaddress, c.useridentity_arn, count(*) AS calls
FROM cloudtrail_logs c
LEFT JOIN usual u ON c.sourceipaddress = u.sourceipaddress
WHERE c.date >= '2026-02-01' AND u.sourceipaddress IS NULL
GROUP BY c.sourceipaddress, c.useridentity_arn
ORDER BY calls DESC
