-- max_by(x, y, n): the three latest APIs each IAM user called, newest first
SELECT useridentity.username AS username, max_by(eventname, eventtime, 3) AS latest
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '087463005387'
GROUP BY 1
