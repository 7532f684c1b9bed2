-- greatest and least are NULL when any argument is NULL (Trino), unlike engines that skip NULLs
SELECT eventid, greatest(errorcode, eventname) AS g, least(errorcode, eventname) AS l,
       greatest(eventtime, TIMESTAMP '2026-01-02 12:00:00') AS g_time, least(length(useragent), length(sourceipaddress), 12) AS l_len
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
/* duckdb:
SELECT eventid, CASE WHEN errorcode IS NOT NULL AND eventname IS NOT NULL THEN greatest(errorcode, eventname) END AS g,
       CASE WHEN errorcode IS NOT NULL AND eventname IS NOT NULL THEN least(errorcode, eventname) END AS l,
       CASE WHEN eventtime IS NOT NULL THEN greatest(eventtime, TIMESTAMP '2026-01-02 12:00:00') END AS g_time,
       CASE WHEN useragent IS NOT NULL AND sourceipaddress IS NOT NULL THEN least(length(useragent), length(sourceipaddress), 12) END AS l_len
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
*/
