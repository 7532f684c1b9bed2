-- json_array_contains on arrays extracted from the event: affected instances and empty lists
SELECT eventid,
       json_array_contains(json_extract(serviceeventdetails, '$.affected'), 'i-2') AS has_i2,
       json_array_contains(json_extract(serviceeventdetails, '$.affected'), 'i-9') AS has_i9,
       json_array_contains('[1, 2, 3]', 2) AS has_two
FROM cloudtrail_logs
WHERE eventid = 'edge-0001'
/* duckdb:
SELECT eventid,
       list_contains(from_json(system.main.json_extract(serviceeventdetails, '$.affected'), '["VARCHAR"]'), 'i-2') AS has_i2,
       list_contains(from_json(system.main.json_extract(serviceeventdetails, '$.affected'), '["VARCHAR"]'), 'i-9') AS has_i9,
       true AS has_two
FROM cloudtrail_logs
WHERE eventid = 'edge-0001'
*/
