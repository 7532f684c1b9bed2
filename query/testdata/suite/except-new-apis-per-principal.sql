-- new APIs per principal: (principal, API) pairs of day 3 not seen on days 1 and 2
SELECT useridentity.arn AS arn, eventname FROM cloudtrail_logs
WHERE date = '2026-01-03' AND useridentity.type = 'IAMUser'
EXCEPT
SELECT useridentity.arn, eventname FROM cloudtrail_logs
WHERE date IN ('2026-01-01', '2026-01-02') AND useridentity.type = 'IAMUser'
ORDER BY 1, 2
