-- sum(count(*)) OVER (PARTITION BY ...): each API's share of its service's calls in one query
SELECT eventsource, eventname, count(*) AS n,
       CAST(count(*) AS DOUBLE) / sum(count(*)) OVER (PARTITION BY eventsource) AS share
FROM cloudtrail_logs
GROUP BY 1, 2
