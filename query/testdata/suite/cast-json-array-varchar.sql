-- CAST(json_extract(...) AS ARRAY(VARCHAR)): affected instance ids as a list, with cardinality and contains
SELECT eventid, CAST(json_extract(serviceeventdetails, '$.affected') AS ARRAY(VARCHAR)) AS affected,
       cardinality(CAST(json_extract(serviceeventdetails, '$.affected') AS ARRAY(VARCHAR))) AS n,
       contains(CAST(json_extract(serviceeventdetails, '$.affected') AS ARRAY(VARCHAR)), 'i-1') AS has_i1
FROM cloudtrail_logs
WHERE eventid = 'edge-0001'
/* duckdb:
SELECT eventid, from_json(system.main.json_extract(serviceeventdetails, '$.affected'), '["VARCHAR"]') AS affected,
       CAST(2 AS BIGINT) AS n, true AS has_i1
FROM cloudtrail_logs
WHERE eventid = 'edge-0001'
*/
