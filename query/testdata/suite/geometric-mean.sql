-- geometric_mean of daily call counts per service
SELECT eventsource, geometric_mean(n) AS gmean, count(*) AS days
FROM (SELECT eventsource, date, count(*) AS n FROM cloudtrail_logs WHERE date IS NOT NULL GROUP BY 1, 2) AS t
GROUP BY eventsource
/* duckdb:
SELECT eventsource, geomean(n) AS gmean, count(*) AS days
FROM (SELECT eventsource, date, count(*) AS n FROM cloudtrail_logs WHERE date IS NOT NULL GROUP BY 1, 2) AS t
GROUP BY eventsource
*/
