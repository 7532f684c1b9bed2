-- principal/IP pairs seen on the last day that never appeared on an earlier day (NOT IN subquery over a concatenated key), per principal type
SELECT useridentity.type AS principal_type, count(*) AS calls,
       count(DISTINCT useridentity.arn || ' ' || sourceipaddress) AS new_pairs, min(eventtime) AS first_call,
       max(sourceipaddress) AS an_ip
FROM cloudtrail_logs
WHERE date = '2026-01-03'
  AND useridentity.arn || ' ' || sourceipaddress NOT IN (
    SELECT useridentity.arn || ' ' || sourceipaddress FROM cloudtrail_logs
    WHERE date < '2026-01-03' AND useridentity.arn IS NOT NULL AND sourceipaddress IS NOT NULL
  )
GROUP BY 1
ORDER BY 1
