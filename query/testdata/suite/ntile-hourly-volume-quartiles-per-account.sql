-- hourly call volume per account split into quartiles (ntile(4) over the hours), with each quartile's range
WITH hourly AS (
  SELECT account, date_trunc('hour', eventtime) AS hr, count(*) AS calls
  FROM cloudtrail_logs
  WHERE account IN ('087463005387', '252456891452', '256224797377')
  GROUP BY 1, 2
), q AS (
  SELECT account, hr, calls, ntile(4) OVER (PARTITION BY account ORDER BY calls, hr) AS quartile
  FROM hourly
)
SELECT account, quartile, count(*) AS hours, min(calls) AS min_calls, max(calls) AS max_calls, sum(calls) AS calls
FROM q
GROUP BY 1, 2
ORDER BY 1, 2
