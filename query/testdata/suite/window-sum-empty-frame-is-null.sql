-- sum/count/max over a frame with no rows in it: sum and max are NULL, count is 0
SELECT eventid,
       sum(length(eventname)) OVER (ORDER BY eventid ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) AS s,
       count(eventname) OVER (ORDER BY eventid ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) AS c,
       max(eventname) OVER (ORDER BY eventid ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING) AS m
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
