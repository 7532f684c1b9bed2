-- strpos(s, sub, n): the position of the second '/' in assumed-role ARNs (role name ends there)
SELECT strpos(useridentity.arn, '/', 2) AS second_slash, strpos(useridentity.arn, '/', 5) AS fifth, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '087463005387'
GROUP BY 1, 2
/* duckdb:
SELECT CASE WHEN len(string_split(useridentity.arn, '/')) >= 3
            THEN length(split_part(useridentity.arn, '/', 1)) + length(split_part(useridentity.arn, '/', 2)) + 2 ELSE 0 END AS second_slash,
       0 AS fifth, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '087463005387'
GROUP BY 1, 2
*/
