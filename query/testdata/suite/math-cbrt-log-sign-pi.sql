-- cbrt, log(base, x), sign, pi() and e(): Trino math functions beyond the basic set
SELECT eventsource, count(*) AS n, round(cbrt(count(*)), 6) AS cube_root, round(log(2, count(*)), 9) AS log_base2,
       sign(count(*) - 1000) AS above_1000, round(pi(), 9) AS pi, round(e(), 9) AS e
FROM cloudtrail_logs
GROUP BY eventsource
/* duckdb:
SELECT eventsource, count(*) AS n, round(cbrt(count(*)), 6) AS cube_root, round(log2(count(*)), 9) AS log_base2,
       sign(count(*) - 1000) AS above_1000, round(pi(), 9) AS pi, round(exp(1), 9) AS e
FROM cloudtrail_logs
GROUP BY eventsource
*/
