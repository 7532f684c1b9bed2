-- lag/lead of a column with NULLs in each edge-account event order: NULL values are returned as values, default only past the ends
SELECT eventid, errorcode,
       lag(errorcode, 1, 'none') OVER (ORDER BY eventid) AS prev_code,
       lead(errorcode, 2, 'none') OVER (ORDER BY eventid) AS next2_code,
       first_value(errorcode) OVER (ORDER BY eventid ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS first_ahead
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
ORDER BY eventid
