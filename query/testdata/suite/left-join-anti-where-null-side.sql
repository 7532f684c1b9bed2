-- WHERE on the NULL-extended side of a LEFT JOIN (anti-join idiom) and a filter on the preserved side
SELECT a.eventsource, count(*) AS n
FROM (SELECT DISTINCT eventsource, region FROM cloudtrail_logs) AS a
LEFT JOIN (SELECT DISTINCT eventsource, region FROM cloudtrail_logs WHERE errorcode = 'AccessDenied') AS b
  ON a.eventsource = b.eventsource AND a.region = b.region
WHERE b.eventsource IS NULL AND a.region IS NOT NULL
GROUP BY a.eventsource
