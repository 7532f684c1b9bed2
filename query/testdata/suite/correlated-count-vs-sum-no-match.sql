-- correlated aggregates with no matching row: count(*) and count(x) give 0, sum, avg and max give NULL, coalesce(sum, 0) gives 0
SELECT c.eventid, c.sourceipaddress AS ip,
  (SELECT count(*) FROM cloudtrail_logs AS e WHERE e.sourceipaddress = c.sourceipaddress AND e.errorcode = 'NoSuchThing') AS cnt,
  (SELECT count(e.errorcode) FROM cloudtrail_logs AS e WHERE e.sourceipaddress = c.sourceipaddress AND e.eventname = 'NoSuchApi') AS cnt_col,
  (SELECT sum(length(e.eventname)) FROM cloudtrail_logs AS e WHERE e.sourceipaddress = c.sourceipaddress AND e.eventname = 'NoSuchApi') AS total,
  (SELECT avg(length(e.eventname)) FROM cloudtrail_logs AS e WHERE e.sourceipaddress = c.sourceipaddress AND e.eventname = 'NoSuchApi') AS average,
  (SELECT max(e.eventtime) FROM cloudtrail_logs AS e WHERE e.sourceipaddress = c.sourceipaddress AND e.eventname = 'NoSuchApi') AS latest,
  coalesce((SELECT sum(length(e.eventname)) FROM cloudtrail_logs AS e WHERE e.sourceipaddress = c.sourceipaddress AND e.eventname = 'NoSuchApi'), 0) AS total0,
  (SELECT count(*) FROM cloudtrail_logs AS e WHERE e.sourceipaddress = c.sourceipaddress) + 0 AS all_calls
FROM cloudtrail_logs AS c
WHERE c.eventname = 'ConsoleLogin' AND c.account = '256224797377'
ORDER BY c.eventid
LIMIT 30
