-- if(cond, x) without else is NULL; CASE over NULLs and a nested IF chain
SELECT if(errorcode IS NOT NULL, errorcode) AS err_or_null,
       if(readonly, 'read', if(readonly = false, 'write', 'unknown')) AS access,
       CASE errorcode WHEN NULL THEN 'never' WHEN 'AccessDenied' THEN 'denied' ELSE 'other' END AS simple_case,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL OR (account = '252456891452' AND date = '2026-01-03')
GROUP BY 1, 2, 3
/* duckdb:
SELECT CASE WHEN errorcode IS NOT NULL THEN errorcode END AS err_or_null,
       if(readonly, 'read', if(readonly = false, 'write', 'unknown')) AS access,
       CASE errorcode WHEN NULL THEN 'never' WHEN 'AccessDenied' THEN 'denied' ELSE 'other' END AS simple_case,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL OR (account = '252456891452' AND date = '2026-01-03')
GROUP BY 1, 2, 3
*/
