-- replace/upper/lower: short upper-case service names, and lower-case outcomes
SELECT upper(replace(eventsource, '.amazonaws.com', '')) AS service, lower(coalesce(nullif(errorcode, ''), 'ok')) AS outcome, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
