-- a named window in a grouped query, ordered by an aggregate: services ranked by calls, with the running share
SELECT eventsource, count(*) AS n, rank() OVER w AS rk, sum(count(*)) OVER w AS running, count(*) OVER () AS services
FROM cloudtrail_logs
WHERE account = '256224797377'
GROUP BY eventsource
WINDOW w AS (ORDER BY count(*) DESC)
ORDER BY rk, eventsource
/* duckdb:
SELECT eventsource, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS rk, sum(count(*)) OVER (ORDER BY count(*) DESC) AS running, count(*) OVER () AS services
FROM cloudtrail_logs
WHERE account = '256224797377'
GROUP BY eventsource
ORDER BY rk, eventsource
*/
