-- per service: events, events naming no resource (LEFT JOIN UNNEST ... ON TRUE, row fields as columns), resources and resource types
SELECT eventsource,
       count(DISTINCT eventid) AS events,
       count(DISTINCT eventid) FILTER (WHERE arn IS NULL AND type IS NULL) AS without_resources,
       count(arn) AS resource_arns,
       count(DISTINCT type) AS resource_types
FROM cloudtrail_logs
LEFT JOIN UNNEST(resources) AS t(arn, accountid, type) ON TRUE
GROUP BY eventsource
ORDER BY eventsource
/* duckdb:
SELECT eventsource,
       count(DISTINCT eventid) AS events,
       count(DISTINCT eventid) FILTER (WHERE r.arn IS NULL AND r.type IS NULL) AS without_resources,
       count(r.arn) AS resource_arns,
       count(DISTINCT r.type) AS resource_types
FROM cloudtrail_logs
LEFT JOIN UNNEST(resources) AS t(r) ON TRUE
GROUP BY eventsource
ORDER BY eventsource
*/
