-- integer arithmetic: Trino's / on integers truncates
SELECT eventsource, count(*) / 7 AS per_week, count(*) % 7 AS rem, count(*) * 2 + 1 AS odd, -count(*) AS neg, (count(*) - 1) * (count(*) + 1) AS sq
FROM cloudtrail_logs
GROUP BY eventsource
/* duckdb:
SELECT eventsource, count(*) // 7 AS per_week, count(*) % 7 AS rem, count(*) * 2 + 1 AS odd, -count(*) AS neg, (count(*) - 1) * (count(*) + 1) AS sq
FROM cloudtrail_logs
GROUP BY eventsource
*/
