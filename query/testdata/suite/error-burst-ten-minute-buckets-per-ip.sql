-- error bursts: ten-minute buckets (date_trunc minute minus minute % 10) with 3+ failed calls from one source IP, newest first
SELECT sourceipaddress,
       date_add('minute', -(minute(eventtime) % 10), date_trunc('minute', eventtime)) AS bucket,
       count(*) AS errors, count(DISTINCT errorcode) AS codes, array_agg(DISTINCT errorcode ORDER BY errorcode) AS which
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND errorcode <> ''
GROUP BY 1, 2
HAVING count(*) >= 3
ORDER BY bucket DESC, sourceipaddress
LIMIT 20
