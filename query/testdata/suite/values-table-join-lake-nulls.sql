-- a VALUES list used as a table with a NULL key and a duplicate, joined to the lake and counted per label
SELECT v.label, v.src, count(e.eventid) AS n
FROM (VALUES ('storage', 's3.amazonaws.com'), ('keys', 'kms.amazonaws.com'), ('keys-again', 'kms.amazonaws.com'), ('nothing', CAST(NULL AS VARCHAR))) AS v(label, src)
LEFT JOIN cloudtrail_logs AS e ON e.eventsource = v.src AND e.region = 'eu-west-1'
GROUP BY v.label, v.src
ORDER BY v.label
