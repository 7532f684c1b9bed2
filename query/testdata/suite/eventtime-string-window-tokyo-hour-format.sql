-- a six-hour window written as ISO strings, bucketed by the local hour in Tokyo (AT TIME ZONE, format_datetime): calls and errors per bucket and account
SELECT format_datetime(eventtime AT TIME ZONE 'Asia/Tokyo', 'yyyy-MM-dd HH:00') AS tokyo_hour, account,
       count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors,
       count(DISTINCT useridentity.arn) AS principals
FROM cloudtrail_logs
WHERE eventtime >= '2026-01-02T00:00:00Z' AND eventtime < '2026-01-02T06:00:00Z'
GROUP BY 1, 2
ORDER BY 1, 2
/* duckdb:
SELECT strftime(timezone('Asia/Tokyo', eventtime), '%Y-%m-%d %H:00') AS tokyo_hour, account,
       count(*) AS calls, count_if(errorcode IS NOT NULL) AS errors,
       count(DISTINCT useridentity.arn) AS principals
FROM cloudtrail_logs
WHERE eventtime >= TIMESTAMPTZ '2026-01-02 00:00:00+00' AND eventtime < TIMESTAMPTZ '2026-01-02 06:00:00+00'
GROUP BY 1, 2
ORDER BY 1, 2
*/
