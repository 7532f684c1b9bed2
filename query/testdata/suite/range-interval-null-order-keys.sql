-- RANGE INTERVAL frames over a NULL order key (edge-0005 has no eventtime): the NULL row's offset frame is the NULL rows, UNBOUNDED frames reach across, NULLS FIRST and LAST alike
SELECT eventid, eventtime,
  count(*) OVER (ORDER BY eventtime RANGE BETWEEN INTERVAL '12' HOUR PRECEDING AND CURRENT ROW) AS last_12h,
  count(*) OVER (ORDER BY eventtime NULLS FIRST RANGE BETWEEN CURRENT ROW AND INTERVAL '1' DAY FOLLOWING) AS next_day,
  min(eventid) OVER (ORDER BY eventtime DESC NULLS FIRST RANGE BETWEEN INTERVAL '8' HOUR PRECEDING AND INTERVAL '8' HOUR FOLLOWING) AS min_id_16h,
  count(*) OVER (ORDER BY eventtime RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
  count(*) OVER (ORDER BY eventtime NULLS FIRST RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND UNBOUNDED FOLLOWING) AS from_hour_before
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
