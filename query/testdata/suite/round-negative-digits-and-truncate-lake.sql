-- round(x, -n) of integers and doubles, and truncate(x, n), on per-source call counts
SELECT eventsource, count(*) AS n, round(count(*), -2) AS hundreds, round(count(*), -3) AS thousands, round(-count(*), -2) AS neg_hundreds,
       round(CAST(count(*) AS DOUBLE) / 3, 2) AS third, truncate(CAST(count(*) AS DOUBLE) / 3, 1) AS third_cut, truncate(-CAST(count(*) AS DOUBLE) / 3, 1) AS neg_third_cut
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY n DESC, eventsource
/* duckdb:
SELECT eventsource, count(*) AS n, CAST(round(count(*), -2) AS BIGINT) AS hundreds, CAST(round(count(*), -3) AS BIGINT) AS thousands,
       CAST(-round(count(*), -2) AS BIGINT) AS neg_hundreds,
       round(CAST(count(*) AS DOUBLE) / 3, 2) AS third, trunc(CAST(count(*) AS DOUBLE) / 3 * 10) / 10 AS third_cut, trunc(-CAST(count(*) AS DOUBLE) / 3 * 10) / 10 AS neg_third_cut
FROM cloudtrail_logs
GROUP BY eventsource
ORDER BY n DESC, eventsource
*/
