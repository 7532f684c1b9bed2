-- one CTE
WITH failures AS (
  SELECT eventsource, errorcode FROM cloudtrail_logs WHERE errorcode IS NOT NULL
)
SELECT errorcode, count(*) AS n FROM failures GROUP BY errorcode
