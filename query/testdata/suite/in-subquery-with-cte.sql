-- IN over a CTE
WITH denied AS (
  SELECT DISTINCT sourceipaddress FROM cloudtrail_logs WHERE errorcode = 'AccessDenied'
)
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE sourceipaddress IN (SELECT sourceipaddress FROM denied) AND errorcode IS NULL
GROUP BY eventsource
