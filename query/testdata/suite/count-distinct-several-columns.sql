-- several count(DISTINCT ...) of different columns beside plain aggregates, per event source
SELECT eventsource, count(DISTINCT eventname) AS apis, count(DISTINCT useridentity.arn) AS principals,
       count(DISTINCT account) AS accounts, count(DISTINCT date(eventtime)) AS days,
       count(*) AS n, count(DISTINCT errorcode) AS error_kinds
FROM cloudtrail_logs
GROUP BY eventsource
