-- NOT EXISTS correlated by an equality and a time window, inside OR: IAM writes with no read of IAM by the same principal in the 10 minutes before, or by root
SELECT w.useridentity.arn AS arn, w.eventname, count(*) AS n
FROM cloudtrail_logs AS w
WHERE w.eventsource = 'iam.amazonaws.com' AND w.readonly = false AND w.date = '2026-01-02'
  AND (w.useridentity.type = 'Root' OR NOT EXISTS (
        SELECT 1 FROM cloudtrail_logs AS r
        WHERE r.eventsource = 'iam.amazonaws.com' AND r.readonly = true AND r.date = '2026-01-02'
          AND r.useridentity.arn = w.useridentity.arn
          AND r.eventtime < w.eventtime AND r.eventtime >= w.eventtime - INTERVAL '10' MINUTE))
GROUP BY 1, 2
ORDER BY n DESC, arn, w.eventname
LIMIT 40
