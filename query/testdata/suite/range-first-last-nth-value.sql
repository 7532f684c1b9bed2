-- first_value, last_value and nth_value over RANGE INTERVAL frames of per-minute counts (one row per minute, so the frame order is total)
SELECT eventsource, minute_bucket, n,
  first_value(n) OVER (PARTITION BY eventsource ORDER BY minute_bucket RANGE BETWEEN INTERVAL '15' MINUTE PRECEDING AND CURRENT ROW) AS first_15m,
  last_value(n) OVER (PARTITION BY eventsource ORDER BY minute_bucket RANGE BETWEEN CURRENT ROW AND INTERVAL '15' MINUTE FOLLOWING) AS last_15m,
  last_value(minute_bucket) OVER (PARTITION BY eventsource ORDER BY minute_bucket RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND INTERVAL '1' MINUTE PRECEDING) AS prev_within_hour,
  nth_value(n, 2) OVER (PARTITION BY eventsource ORDER BY minute_bucket RANGE BETWEEN INTERVAL '20' MINUTE PRECEDING AND INTERVAL '20' MINUTE FOLLOWING) AS second_40m
FROM (
  SELECT eventsource, date_trunc('minute', eventtime) AS minute_bucket, count(*) AS n
  FROM cloudtrail_logs
  WHERE account = '252456891452' AND date = '2026-01-02'
    AND eventsource IN ('iam.amazonaws.com', 'signin.amazonaws.com', 'cloudtrail.amazonaws.com')
  GROUP BY 1, 2
) AS t
ORDER BY eventsource, minute_bucket
