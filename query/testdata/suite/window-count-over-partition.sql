-- count(*) OVER (PARTITION BY ...) next to each group
SELECT DISTINCT eventsource, eventname,
       count(*) OVER (PARTITION BY eventsource) AS source_events,
       count(*) OVER (PARTITION BY eventsource, eventname) AS name_events
FROM cloudtrail_logs
