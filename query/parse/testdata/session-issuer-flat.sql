SELECT useridentity_sessioncontext_sessionissuer_username, count(*)
FROM cloudtrail_logs
WHERE useridentity_sessioncontext_sessionissuer_type = 'Role'
GROUP BY useridentity_sessioncontext_sessionissuer_username
ORDER BY 2 DESC
