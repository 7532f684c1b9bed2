-- a window query with a final ORDER BY: the first three calls of each role session type
SELECT eventsource, eventname, n, rn
FROM (
  SELECT eventsource, eventname, n, row_number() OVER (PARTITION BY eventsource ORDER BY n DESC, eventname) AS rn
  FROM (SELECT eventsource, eventname, count(*) AS n FROM cloudtrail_logs GROUP BY 1, 2) AS a
) AS b
WHERE rn <= 3
ORDER BY eventsource, rn
