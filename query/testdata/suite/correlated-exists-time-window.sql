-- a correlated EXISTS with a time-window correlation (a non-equality): console login failures followed by any call of the same IP within an hour
SELECT c.eventid, c.sourceipaddress
FROM cloudtrail_logs AS c
WHERE c.eventname = 'ConsoleLogin' AND c.errormessage IS NOT NULL
  AND EXISTS (SELECT 1 FROM cloudtrail_logs AS n
              WHERE n.sourceipaddress = c.sourceipaddress AND n.eventtime > c.eventtime AND n.eventtime <= c.eventtime + INTERVAL '1' HOUR)
ORDER BY c.eventid
