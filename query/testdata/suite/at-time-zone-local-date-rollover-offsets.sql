-- the local calendar day of each call in Auckland and at +05:30 (date of AT TIME ZONE): calls that fall on another local day than the UTC one
SELECT date(eventtime AT TIME ZONE 'Pacific/Auckland') AS auckland_day,
       date(eventtime AT TIME ZONE '+05:30') AS india_day,
       CAST(eventtime AS date) AS utc_day,
       count(*) AS calls, min(eventtime) AS first_utc, max(eventtime) AS last_utc
FROM cloudtrail_logs
WHERE account = '252456891452' AND region = 'eu-west-1'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
/* duckdb:
SELECT CAST(timezone('Pacific/Auckland', eventtime) AS date) AS auckland_day,
       CAST(timezone('UTC', eventtime) + INTERVAL '5 hours 30 minutes' AS date) AS india_day,
       CAST(eventtime AS date) AS utc_day,
       count(*) AS calls, min(eventtime) AS first_utc, max(eventtime) AS last_utc
FROM cloudtrail_logs
WHERE account = '252456891452' AND region = 'eu-west-1'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
*/
