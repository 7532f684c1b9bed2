-- an unqualified name that both tables have binds to the inner table: l.useridentity.arn = useridentity.arn compares the inner row with itself, so the EXISTS holds for every outer row
SELECT c.eventsource, count(*) AS n
FROM cloudtrail_logs AS c
WHERE c.account = '087463005387' AND c.date = '2026-01-01'
  AND EXISTS (SELECT 1 FROM cloudtrail_logs AS l
              WHERE l.eventname = 'ConsoleLogin' AND l.useridentity.arn = useridentity.arn)
GROUP BY 1
