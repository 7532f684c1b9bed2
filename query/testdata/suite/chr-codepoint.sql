-- codepoint/chr on the edge event's non-ASCII user agent
SELECT eventid, length(useragent) AS len, codepoint(substr(useragent, 3, 1)) AS cp,
       chr(codepoint(substr(useragent, 3, 1))) AS ch, chr(10003) AS check_mark,
       strpos(useragent, chr(10003)) AS check_pos
FROM cloudtrail_logs
WHERE eventid = 'edge-0002'
/* duckdb:
SELECT eventid, length(useragent) AS len, unicode(substr(useragent, 3, 1)) AS cp,
       chr(unicode(substr(useragent, 3, 1))) AS ch, chr(10003) AS check_mark,
       strpos(useragent, chr(10003)) AS check_pos
FROM cloudtrail_logs
WHERE eventid = 'edge-0002'
*/
