-- RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING: the most errors each source IP produced within any 10 minutes (brute force, enumeration)
SELECT sourceipaddress, max(recent) AS max_errors_10m, count(*) AS errors
FROM (
  SELECT sourceipaddress,
         count(*) OVER (PARTITION BY sourceipaddress ORDER BY eventtime
                        RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW) AS recent
  FROM cloudtrail_logs
  WHERE errorcode IS NOT NULL AND account = '256224797377'
) AS t
GROUP BY sourceipaddress
