-- IGNORE NULLS over partitions where every value is NULL (signin has no error codes): first/last/nth_value give NULL, lag gives its default
SELECT eventsource, count(*) AS n, count(first_err) AS with_first, count(last_err) AS with_last, count(nth2) AS with_nth2,
  min(prev_err) AS min_prev, max(prev_err) AS max_prev
FROM (
  SELECT eventsource,
    first_value(errorcode) IGNORE NULLS OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_err,
    last_value(errorcode) IGNORE NULLS OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING) AS last_err,
    nth_value(errorcode, 2) IGNORE NULLS OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS nth2,
    lag(errorcode, 1, '-') IGNORE NULLS OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS prev_err
  FROM cloudtrail_logs
  WHERE eventsource IN ('signin.amazonaws.com', 'iam.amazonaws.com') AND account = '252456891452'
) AS t
GROUP BY eventsource
/* duckdb:
SELECT eventsource, count(*) AS n, count(first_err) AS with_first, count(last_err) AS with_last, count(nth2) AS with_nth2,
  min(prev_err) AS min_prev, max(prev_err) AS max_prev
FROM (
  SELECT eventsource,
    first_value(errorcode IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_err,
    last_value(errorcode IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING) AS last_err,
    nth_value(errorcode, 2 IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS nth2,
    lag(errorcode, 1, '-' IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS prev_err
  FROM cloudtrail_logs
  WHERE eventsource IN ('signin.amazonaws.com', 'iam.amazonaws.com') AND account = '252456891452'
) AS t
GROUP BY eventsource
*/
