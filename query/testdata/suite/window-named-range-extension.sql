-- a named window extended with a RANGE INTERVAL frame beside its plain use: per source IP, errors in the trailing 10 minutes and the running count
SELECT ip, eventtime, eventid, burst, running
FROM (
  SELECT sourceipaddress AS ip, eventtime, eventid,
    count(*) OVER (w RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW) AS burst,
    count(*) OVER w AS running,
    row_number() OVER (PARTITION BY sourceipaddress ORDER BY eventtime, eventid) AS rn
  FROM cloudtrail_logs
  WHERE errorcode IS NOT NULL AND account = '252456891452'
  WINDOW w AS (PARTITION BY sourceipaddress ORDER BY eventtime)
) AS t
WHERE burst >= 2
ORDER BY ip, eventtime, eventid
/* duckdb:
SELECT ip, eventtime, eventid, burst, running
FROM (
  SELECT sourceipaddress AS ip, eventtime, eventid,
    count(*) OVER (PARTITION BY sourceipaddress ORDER BY eventtime RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW) AS burst,
    count(*) OVER (PARTITION BY sourceipaddress ORDER BY eventtime) AS running
  FROM cloudtrail_logs
  WHERE errorcode IS NOT NULL AND account = '252456891452'
) AS t
WHERE burst >= 2
ORDER BY ip, eventtime, eventid
*/
