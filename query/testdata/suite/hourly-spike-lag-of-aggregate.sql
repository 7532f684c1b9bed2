-- denial spikes: hourly AccessDenied counts per account against the previous hour and the account's hourly average (lag and avg over aggregates)
SELECT account, date_trunc('hour', eventtime) AS hr, count(*) AS denied,
       lag(count(*), 1, 0) OVER (PARTITION BY account ORDER BY date_trunc('hour', eventtime)) AS prev_hour,
       round(avg(count(*)) OVER (PARTITION BY account), 3) AS avg_hour,
       count(*) - lag(count(*), 1, 0) OVER (PARTITION BY account ORDER BY date_trunc('hour', eventtime)) AS jump
FROM cloudtrail_logs
WHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation') AND account IS NOT NULL
GROUP BY account, date_trunc('hour', eventtime)
ORDER BY jump DESC, account, hr
LIMIT 12
