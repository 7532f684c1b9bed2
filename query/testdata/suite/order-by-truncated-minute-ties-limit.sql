-- ties on the truncated minute across row groups: the 40 first events by minute, then eventid
SELECT date_trunc('minute', eventtime) AS m, eventid
FROM cloudtrail_logs
ORDER BY date_trunc('minute', eventtime) DESC, eventid DESC
LIMIT 40
