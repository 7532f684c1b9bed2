-- subtracting timestamps gives an interval: sessions active for more than 20 hours
SELECT useridentity.sessioncontext.sessionissuer.username AS role, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '087463005387'
GROUP BY 1
HAVING max(eventtime) - min(eventtime) > INTERVAL '20' HOUR
   AND max(eventtime) - min(eventtime) < INTERVAL '3' DAY
