-- AT TIME ZONE 'America/New_York': console sign-ins outside 08:00-18:00 local time
SELECT useridentity.type AS principal_type, hour(eventtime AT TIME ZONE 'America/New_York') AS local_hour, count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
  AND hour(eventtime AT TIME ZONE 'America/New_York') NOT BETWEEN 8 AND 17
GROUP BY 1, 2
/* duckdb:
SELECT useridentity.type AS principal_type, hour(timezone('America/New_York', eventtime)) AS local_hour, count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
  AND hour(timezone('America/New_York', eventtime)) NOT BETWEEN 8 AND 17
GROUP BY 1, 2
*/
