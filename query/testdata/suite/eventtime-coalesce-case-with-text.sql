-- Athena's eventtime is text: coalesce with a text default and a CASE mixing it with text
SELECT eventid, coalesce(eventtime, 'unknown') AS t, CASE WHEN readonly THEN 'read' ELSE eventtime END AS write_time
FROM cloudtrail_logs
WHERE account = '123456789012'
/* duckdb:
SELECT eventid,
       coalesce(CASE WHEN epoch_ms(eventtime) % 1000 = 0 THEN strftime(eventtime, '%Y-%m-%dT%H:%M:%SZ') ELSE strftime(eventtime, '%Y-%m-%dT%H:%M:%S.%gZ') END, 'unknown') AS t,
       CASE WHEN readonly THEN 'read' ELSE CASE WHEN epoch_ms(eventtime) % 1000 = 0 THEN strftime(eventtime, '%Y-%m-%dT%H:%M:%SZ') ELSE strftime(eventtime, '%Y-%m-%dT%H:%M:%S.%gZ') END END AS write_time
FROM cloudtrail_logs
WHERE account = '123456789012'
*/
