-- the inner query reuses the outer alias t and names only its own t, so the EXISTS is not correlated: true for every outer row
SELECT t.eventsource, count(*) AS n
FROM cloudtrail_logs AS t
WHERE t.date = '2026-01-01' AND t.account = '252456891452'
  AND EXISTS (SELECT 1 FROM cloudtrail_logs AS t WHERE t.eventsource = 'signin.amazonaws.com' AND t.eventname = 'ConsoleLogin')
GROUP BY 1
