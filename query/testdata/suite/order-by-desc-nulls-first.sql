-- DESC NULLS FIRST
SELECT useridentity.username AS username, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
ORDER BY username DESC NULLS FIRST
