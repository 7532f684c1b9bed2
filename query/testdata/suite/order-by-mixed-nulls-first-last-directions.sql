-- sort on several nullable keys with mixed directions and explicit NULLS FIRST/LAST, unique tiebreak
SELECT eventid, errorcode, useridentity.invokedby AS invokedby, readonly
FROM cloudtrail_logs
WHERE account = '123456789012' OR (date = '2026-01-02' AND region = 'us-east-1' AND hour(eventtime) = 3)
ORDER BY readonly DESC NULLS FIRST, errorcode NULLS FIRST, invokedby DESC, eventid DESC
