-- GROUPING SETS over a join with a VALUES mapping: errors per team and region, per team, per region and overall
SELECT v.team, e.region, grouping(v.team, e.region) AS g, count(*) AS n, count(DISTINCT e.eventname) AS apis
FROM cloudtrail_logs AS e
JOIN (VALUES ('s3.amazonaws.com', 'storage'), ('kms.amazonaws.com', 'security'), ('iam.amazonaws.com', 'security'),
             ('ec2.amazonaws.com', 'compute')) AS v(source, team)
  ON e.eventsource = v.source
WHERE e.errorcode IS NOT NULL
GROUP BY GROUPING SETS ((v.team, e.region), (v.team), (e.region), ())
