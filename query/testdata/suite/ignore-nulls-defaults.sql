-- lag/lead IGNORE NULLS with offsets and defaults: the previous and next error code of each call (default where there is none), beside RESPECT NULLS
SELECT eventid, errorcode,
  lag(errorcode, 1, 'none') IGNORE NULLS OVER w AS prev_error,
  lead(errorcode, 1, 'none') IGNORE NULLS OVER w AS next_error,
  lag(errorcode, 3, 'n/a') IGNORE NULLS OVER w AS third_prev_error,
  lead(errorcode, 2, 'x') RESPECT NULLS OVER w AS next2_any
FROM cloudtrail_logs
WHERE account = '256224797377' AND date = '2026-01-03' AND eventsource IN ('iam.amazonaws.com', 'cloudtrail.amazonaws.com')
WINDOW w AS (PARTITION BY eventsource ORDER BY eventtime, eventid)
ORDER BY eventid
/* duckdb:
SELECT eventid, errorcode,
  lag(errorcode, 1, 'none' IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS prev_error,
  lead(errorcode, 1, 'none' IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS next_error,
  lag(errorcode, 3, 'n/a' IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS third_prev_error,
  lead(errorcode, 2, 'x') OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS next2_any
FROM cloudtrail_logs
WHERE account = '256224797377' AND date = '2026-01-03' AND eventsource IN ('iam.amazonaws.com', 'cloudtrail.amazonaws.com')
ORDER BY eventid
*/
