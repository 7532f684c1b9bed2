-- a join with an equality and a time range: after a failed console login, successful calls from the same IP within an hour
SELECT f.eventid, f.sourceipaddress, f.eventtime AS failed_at, count(s.eventid) AS calls_after, min(s.eventtime) AS first_after
FROM cloudtrail_logs AS f
JOIN cloudtrail_logs AS s
  ON f.sourceipaddress = s.sourceipaddress
 AND s.eventtime > f.eventtime AND s.eventtime <= f.eventtime + INTERVAL '1' HOUR
WHERE f.eventname = 'ConsoleLogin' AND json_extract_scalar(f.responseelements, '$.ConsoleLogin') = 'Failure'
  AND s.errorcode IS NULL
GROUP BY 1, 2, 3
ORDER BY 3, 1
