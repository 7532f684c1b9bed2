SELECT useragent, count(*) AS n
FROM cloudtrail_logs
WHERE regexp_like(useragent, '(?i)(kali|parrot|pentoo|nmap|sqlmap)')
GROUP BY useragent
ORDER BY n DESC
