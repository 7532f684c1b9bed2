-- at_timezone(): events per local calendar day in Sydney (UTC+11 in January)
SELECT date(at_timezone(eventtime, 'Australia/Sydney')) AS local_day, count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387'
GROUP BY 1
/* duckdb:
SELECT CAST(timezone('Australia/Sydney', eventtime) AS DATE) AS local_day, count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387'
GROUP BY 1
*/
