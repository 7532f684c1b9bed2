-- first_value/lag IGNORE NULLS: the last error code seen before each call of a user
SELECT eventid, eventtime, errorcode,
       lag(errorcode) IGNORE NULLS OVER (ORDER BY eventtime, eventid) AS previous_error,
       first_value(errorcode) IGNORE NULLS OVER (ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_error
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '252456891452' AND date = '2026-01-02' AND region = 'us-east-1'
ORDER BY eventtime, eventid
/* duckdb:
SELECT eventid, eventtime, errorcode,
       lag(errorcode IGNORE NULLS) OVER (ORDER BY eventtime, eventid) AS previous_error,
       first_value(errorcode IGNORE NULLS) OVER (ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_error
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser' AND account = '252456891452' AND date = '2026-01-02' AND region = 'us-east-1'
ORDER BY eventtime, eventid
*/
