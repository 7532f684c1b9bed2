-- a filter in ON keeps every left row (LEFT JOIN); the same filter in WHERE would drop them
SELECT u.eventname, count(*) AS calls, count(d.eventname) AS with_denials
FROM (SELECT DISTINCT eventname FROM cloudtrail_logs WHERE account = '087463005387') AS u
LEFT JOIN (SELECT eventname, count(*) AS n FROM cloudtrail_logs WHERE account = '087463005387' GROUP BY eventname, errorcode
           HAVING errorcode = 'AccessDenied') AS d
  ON u.eventname = d.eventname AND d.n >= 3
GROUP BY u.eventname
