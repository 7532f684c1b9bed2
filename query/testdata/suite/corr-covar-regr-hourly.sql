-- per service: how an hour's calls relate to its errors (corr, covar_samp, covar_pop, regr_slope, regr_intercept of (errors, calls) over its hours; NULL, as in Trino, where DuckDB gives NaN)
WITH h AS (
  SELECT eventsource, date_trunc('hour', eventtime) AS hr, count(*) AS calls, count(errorcode) AS errors
  FROM cloudtrail_logs
  GROUP BY 1, 2
)
SELECT eventsource, count(*) AS hours,
       round(corr(errors, calls), 6) AS r,
       round(covar_samp(errors, calls), 6) AS cs,
       round(covar_pop(errors, calls), 6) AS cp,
       round(regr_slope(errors, calls), 6) AS slope,
       round(regr_intercept(errors, calls), 6) AS icpt
FROM h
GROUP BY eventsource
ORDER BY eventsource
/* duckdb:
WITH h AS (
  SELECT eventsource, date_trunc('hour', eventtime) AS hr, count(*) AS calls, count(errorcode) AS errors
  FROM cloudtrail_logs
  GROUP BY 1, 2
)
SELECT eventsource, count(*) AS hours,
       round(nullif(corr(errors, calls), 'NaN'::double), 6) AS r,
       round(covar_samp(errors, calls), 6) AS cs,
       round(covar_pop(errors, calls), 6) AS cp,
       round(nullif(regr_slope(errors, calls), 'NaN'::double), 6) AS slope,
       round(regr_intercept(errors, calls), 6) AS icpt
FROM h
GROUP BY eventsource
ORDER BY eventsource
*/
