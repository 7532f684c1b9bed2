-- events with a sharedEventID (cross-account copies)
SELECT eventname, count(*) AS n, count(DISTINCT sharedeventid) AS shared
FROM cloudtrail_logs
WHERE sharedeventid IS NOT NULL
GROUP BY eventname
