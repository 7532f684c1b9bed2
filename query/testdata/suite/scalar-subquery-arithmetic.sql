-- uncorrelated scalar subqueries in SELECT and WHERE: principals above twice the mean call count
SELECT useridentity.arn AS arn, count(*) AS n,
       (SELECT count(*) FROM cloudtrail_logs WHERE account = '252456891452') AS account_total
FROM cloudtrail_logs
WHERE account = '252456891452' AND useridentity.arn IS NOT NULL
GROUP BY 1
HAVING count(*) > 2 * (SELECT count(*) / count(DISTINCT useridentity.arn) FROM cloudtrail_logs WHERE account = '252456891452')
ORDER BY n DESC, arn
/* duckdb:
SELECT useridentity.arn AS arn, count(*) AS n,
       (SELECT count(*) FROM cloudtrail_logs WHERE account = '252456891452') AS account_total
FROM cloudtrail_logs
WHERE account = '252456891452' AND useridentity.arn IS NOT NULL
GROUP BY 1
HAVING count(*) > 2 * (SELECT count(*) // count(DISTINCT useridentity.arn) FROM cloudtrail_logs WHERE account = '252456891452')
ORDER BY n DESC, arn
*/
