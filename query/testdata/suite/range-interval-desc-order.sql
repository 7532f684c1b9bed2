-- RANGE with INTERVAL offsets over a DESC order: PRECEDING means later instants, so hour_after counts the calls in the hour after each call
SELECT eventsource, eventtime, eventid,
  count(*) OVER (PARTITION BY eventsource ORDER BY eventtime DESC RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS hour_after,
  min(eventtime) OVER (PARTITION BY eventsource ORDER BY eventtime DESC RANGE BETWEEN CURRENT ROW AND INTERVAL '30' MINUTE FOLLOWING) AS earliest_30m_before,
  count(*) OVER (PARTITION BY eventsource ORDER BY eventtime DESC RANGE BETWEEN INTERVAL '2' HOUR PRECEDING AND INTERVAL '1' HOUR PRECEDING) AS second_hour_after
FROM cloudtrail_logs
WHERE account = '252456891452' AND date = '2026-01-02' AND eventsource IN ('iam.amazonaws.com', 'cloudtrail.amazonaws.com')
ORDER BY eventsource, eventtime DESC, eventid
