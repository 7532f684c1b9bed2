-- if() with two and three arguments, nullif()
SELECT if(readonly, 'read', 'write') AS kind, if(errorcode IS NULL, 1) AS ok, nullif(errorcode, '') AS code, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2, 3
/* duckdb:
SELECT if(readonly, 'read', 'write') AS kind, if(errorcode IS NULL, 1, NULL) AS ok, nullif(errorcode, '') AS code, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2, 3
*/
