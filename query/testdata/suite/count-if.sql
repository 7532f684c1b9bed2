-- count_if per service
SELECT eventsource, count_if(errorcode IS NOT NULL) AS failed, count_if(readonly) AS reads, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
/* duckdb:
-- Trino's count_if counts, so it is 0 (not NULL) for a group with no true value;
-- DuckDB's count_if of only NULLs is NULL.
SELECT eventsource, count_if(errorcode IS NOT NULL) AS failed, count_if(coalesce(readonly, false)) AS reads, count(*) AS n
FROM cloudtrail_logs
GROUP BY eventsource
*/
