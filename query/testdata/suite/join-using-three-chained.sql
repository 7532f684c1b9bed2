-- three derived tables chained with JOIN ... USING (account, date): errors, writes and root calls per account and day, keys read unqualified
SELECT account, date, e.errors, w.writes, r.roots
FROM (SELECT account, date, count(*) AS errors FROM cloudtrail_logs WHERE errorcode IS NOT NULL GROUP BY 1, 2) AS e
JOIN (SELECT account, date, count(*) AS writes FROM cloudtrail_logs WHERE readonly = false GROUP BY 1, 2) AS w USING (account, date)
JOIN (SELECT account, date, count(*) AS roots FROM cloudtrail_logs WHERE useridentity.type = 'Root' GROUP BY 1, 2) AS r USING (account, date)
ORDER BY account, date
