-- FULL JOIN ... USING then JOIN ... USING on the merged key: services with writes on either day, joined to their distinct principals (the key must be coalesce of both sides)
SELECT eventsource, d1.writes AS day1, d2.writes AS day2, p.principals
FROM (SELECT eventsource, count(*) AS writes FROM cloudtrail_logs WHERE readonly = false AND date = '2026-01-01' AND eventsource IN ('iam.amazonaws.com', 'kms.amazonaws.com') GROUP BY 1) AS d1
FULL JOIN (SELECT eventsource, count(*) AS writes FROM cloudtrail_logs WHERE readonly = false AND date = '2026-01-02' AND eventsource IN ('kms.amazonaws.com', 's3.amazonaws.com') GROUP BY 1) AS d2
  USING (eventsource)
JOIN (SELECT eventsource, count(DISTINCT useridentity.arn) AS principals FROM cloudtrail_logs GROUP BY 1) AS p USING (eventsource)
ORDER BY eventsource
