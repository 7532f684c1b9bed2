-- a filter outside ORDER BY ... LIMIT applies after the limit
SELECT eventid, eventsource
FROM (
  SELECT eventid, eventsource, eventtime FROM cloudtrail_logs ORDER BY eventtime DESC, eventid LIMIT 50
) AS latest
WHERE eventsource = 's3.amazonaws.com'
