-- RANGE offsets on a bigint key in descending order and a timestamp key looking forward: per service, calls in neighbouring hours, and calls in the next 30 minutes
SELECT eventsource, h, n,
  sum(n) OVER (PARTITION BY eventsource ORDER BY h DESC RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS near_hours,
  count(*) OVER (PARTITION BY eventsource ORDER BY first_call RANGE BETWEEN CURRENT ROW AND INTERVAL '30' MINUTE FOLLOWING) AS next_30m,
  min(h) OVER (PARTITION BY eventsource ORDER BY h RANGE BETWEEN UNBOUNDED PRECEDING AND 3 PRECEDING) AS earliest_3h_before
FROM (
  SELECT eventsource, hour(eventtime) AS h, count(*) AS n, min(eventtime) AS first_call
  FROM cloudtrail_logs
  WHERE date = '2026-01-02' AND eventsource IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'kms.amazonaws.com')
  GROUP BY 1, 2
) AS t
ORDER BY eventsource, h
