-- || concatenation
SELECT useridentity.type || ':' || coalesce(useridentity.username, '-') AS who, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type IN ('IAMUser', 'Root', 'SAMLUser')
GROUP BY 1
