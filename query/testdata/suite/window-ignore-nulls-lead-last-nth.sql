-- lead, last_value and nth_value with IGNORE NULLS over frames, beside the same calls without it
SELECT eventid, errorcode,
  lead(errorcode, 2) IGNORE NULLS OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS next2_error,
  lead(errorcode, 2) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS next2_any,
  last_value(errorcode) IGNORE NULLS OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) AS last_error_6,
  nth_value(errorcode, 2) IGNORE NULLS OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS second_error
FROM cloudtrail_logs
WHERE account = '252456891452' AND date = '2026-01-02' AND eventsource IN ('s3.amazonaws.com', 'iam.amazonaws.com')
ORDER BY eventtime, eventid
LIMIT 200
/* duckdb:
SELECT eventid, errorcode,
  lead(errorcode, 2 IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS next2_error,
  lead(errorcode, 2) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid) AS next2_any,
  last_value(errorcode IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) AS last_error_6,
  nth_value(errorcode, 2 IGNORE NULLS) OVER (PARTITION BY eventsource ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS second_error
FROM cloudtrail_logs
WHERE account = '252456891452' AND date = '2026-01-02' AND eventsource IN ('s3.amazonaws.com', 'iam.amazonaws.com')
ORDER BY eventtime, eventid
LIMIT 200
*/
