-- replace(s, x) deletes x; position(x IN s) finds it
SELECT replace(useridentity.arn, 'arn:aws:') AS short_arn,
       position(':' IN replace(useridentity.arn, 'arn:aws:')) AS first_colon,
       position('assumed-role' IN useridentity.arn) AS pos_role,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387' AND useridentity.type IN ('IAMUser', 'Root')
GROUP BY 1, 2, 3
/* duckdb:
SELECT replace(useridentity.arn, 'arn:aws:', '') AS short_arn,
       position(':' IN replace(useridentity.arn, 'arn:aws:', '')) AS first_colon,
       position('assumed-role' IN useridentity.arn) AS pos_role,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387' AND useridentity.type IN ('IAMUser', 'Root')
GROUP BY 1, 2, 3
*/
