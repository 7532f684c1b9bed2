-- latest events per distinct second: ties on eventtime kept with FETCH WITH TIES
SELECT * FROM (
  SELECT eventtime, eventid
  FROM cloudtrail_logs
  WHERE date = '2026-01-02' OR account = '123456789012'
  ORDER BY eventtime DESC
  FETCH FIRST 10 ROWS WITH TIES
) AS t
/* duckdb:
SELECT eventtime, eventid FROM (
  SELECT eventtime, eventid, rank() OVER (ORDER BY eventtime DESC) AS r
  FROM cloudtrail_logs WHERE date = '2026-01-02' OR account = '123456789012'
) WHERE r <= 10
*/
