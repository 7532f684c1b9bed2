-- CROSS JOIN with VALUES: how many principals exceed each call threshold
SELECT t.threshold, count(*) AS principals
FROM (SELECT useridentity.arn AS arn, count(*) AS n FROM cloudtrail_logs WHERE useridentity.arn IS NOT NULL GROUP BY 1) AS p
CROSS JOIN (VALUES 10, 100, 1000) AS t(threshold)
WHERE p.n > t.threshold
GROUP BY t.threshold
/* duckdb:
SELECT t.threshold, count(*) AS principals
FROM (SELECT useridentity.arn AS arn, count(*) AS n FROM cloudtrail_logs WHERE useridentity.arn IS NOT NULL GROUP BY 1) AS p
CROSS JOIN (VALUES (10), (100), (1000)) AS t(threshold)
WHERE p.n > t.threshold
GROUP BY t.threshold
*/
