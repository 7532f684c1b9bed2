-- access keys seen from more than one source IP: the first and last API each called, and from which IP
SELECT DISTINCT useridentity.accesskeyid AS akid,
       first_value(eventname) OVER w AS first_api,
       last_value(eventname) OVER w AS last_api,
       first_value(sourceipaddress) OVER w AS first_ip,
       last_value(sourceipaddress) OVER w AS last_ip
FROM cloudtrail_logs
WHERE useridentity.accesskeyid IN (
  SELECT useridentity.accesskeyid
  FROM cloudtrail_logs
  WHERE useridentity.accesskeyid IS NOT NULL
  GROUP BY 1
  HAVING count(DISTINCT sourceipaddress) > 1
)
WINDOW w AS (PARTITION BY useridentity.accesskeyid ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
ORDER BY akid
