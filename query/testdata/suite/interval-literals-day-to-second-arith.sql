-- interval literals of every form added to and subtracted from event times; timestamp minus timestamp is an interval, compared with literals
SELECT eventid, eventtime + INTERVAL '1 02:03:04.5' DAY TO SECOND AS plus_dts, eventtime - INTERVAL '90' MINUTE AS minus_90m,
       eventtime + INTERVAL '-3' HOUR AS plus_neg, eventtime + INTERVAL '1-2' YEAR TO MONTH AS plus_ym,
       TIMESTAMP '2026-01-03 00:00:00' - eventtime < INTERVAL '6' HOUR AS last_6h_of_day2,
       eventtime - INTERVAL '1' SECOND * 2 AS minus_2s
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%' AND eventtime IS NOT NULL
ORDER BY eventid
/* duckdb:
SELECT eventid, eventtime + INTERVAL '1 day 02:03:04.5' AS plus_dts, eventtime - INTERVAL 90 MINUTE AS minus_90m,
       eventtime + INTERVAL (-3) HOUR AS plus_neg, eventtime + INTERVAL '1 year 2 months' AS plus_ym,
       TIMESTAMP '2026-01-03 00:00:00' - eventtime < INTERVAL 6 HOUR AS last_6h_of_day2,
       eventtime - INTERVAL 2 SECOND AS minus_2s
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%' AND eventtime IS NOT NULL
ORDER BY eventid
*/
