-- avg, max, min and sum over trailing and centred INTERVAL frames of 10-minute buckets, per region; a frame wholly in the past can be empty (NULL)
SELECT region, bucket, n,
  avg(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND CURRENT ROW) AS avg_30m,
  max(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND CURRENT ROW) AS max_30m,
  min(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND INTERVAL '30' MINUTE FOLLOWING) AS min_1h,
  sum(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '2' HOUR PRECEDING AND INTERVAL '1' HOUR PRECEDING) AS prev_hour_sum
FROM (
  SELECT region, date_trunc('hour', eventtime) + (minute(eventtime) / 10) * INTERVAL '10' MINUTE AS bucket, count(*) AS n
  FROM cloudtrail_logs
  WHERE account = '087463005387' AND date = '2026-01-03' AND eventsource = 'iam.amazonaws.com'
  GROUP BY 1, 2
) AS t
ORDER BY region, bucket
/* duckdb:
SELECT region, bucket, n,
  avg(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND CURRENT ROW) AS avg_30m,
  max(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND CURRENT ROW) AS max_30m,
  min(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND INTERVAL '30' MINUTE FOLLOWING) AS min_1h,
  sum(n) OVER (PARTITION BY region ORDER BY bucket RANGE BETWEEN INTERVAL '2' HOUR PRECEDING AND INTERVAL '1' HOUR PRECEDING) AS prev_hour_sum
FROM (
  SELECT region, date_trunc('hour', eventtime) + to_minutes(CAST((minute(eventtime) // 10) * 10 AS BIGINT)) AS bucket, count(*) AS n
  FROM cloudtrail_logs
  WHERE account = '087463005387' AND date = '2026-01-03' AND eventsource = 'iam.amazonaws.com'
  GROUP BY 1, 2
) AS t
ORDER BY region, bucket
*/
