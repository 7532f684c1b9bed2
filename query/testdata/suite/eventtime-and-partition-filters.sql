-- an eventtime window together with partition filters
SELECT eventsource, count(*) AS n
FROM cloudtrail_logs
WHERE account = '256224797377' AND region = 'us-east-1'
  AND eventtime >= TIMESTAMP '2026-01-01 08:00:00' AND eventtime < TIMESTAMP '2026-01-01 10:30:00'
GROUP BY eventsource
