-- per day: distinct principals overall, that were denied, and that wrote (count(DISTINCT ...) FILTER), and distinct failing IPs
SELECT date,
       count(DISTINCT useridentity.arn) AS principals,
       count(DISTINCT useridentity.arn) FILTER (WHERE errorcode = 'AccessDenied') AS denied_principals,
       count(DISTINCT useridentity.arn) FILTER (WHERE readonly = false) AS writers,
       count(DISTINCT sourceipaddress) FILTER (WHERE errorcode IS NOT NULL AND errorcode <> '') AS failing_ips,
       count(*) FILTER (WHERE useridentity.arn IS NULL) AS anonymous_calls
FROM cloudtrail_logs
GROUP BY date
ORDER BY date NULLS FIRST
