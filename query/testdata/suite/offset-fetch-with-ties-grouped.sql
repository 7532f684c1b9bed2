-- OFFSET with FETCH WITH TIES over grouped counts
SELECT eventname, count(*) AS n
FROM cloudtrail_logs
WHERE date = '2026-01-02'
GROUP BY eventname
ORDER BY count(*) DESC
OFFSET 3 ROWS
FETCH FIRST 4 ROWS WITH TIES
/* duckdb:
WITH g AS (SELECT eventname, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-02' GROUP BY eventname),
r AS (SELECT *, row_number() OVER (ORDER BY n DESC, eventname) AS rn FROM g),
cut AS (SELECT n FROM r WHERE rn = 7)
SELECT eventname, n FROM r WHERE rn > 3 AND (rn <= 7 OR n = (SELECT n FROM cut)) ORDER BY n DESC
*/
