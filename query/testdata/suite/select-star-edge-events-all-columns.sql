-- the responder's first look: every stored column (SELECT *: the flat columns and partitions, not the computed Athena structs) of the edge events
SELECT *
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
/* duckdb:
SELECT * EXCLUDE (useridentity, addendum, tlsdetails, resources)
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
*/
