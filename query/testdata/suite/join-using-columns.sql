-- JOIN ... USING (account, date): errors and total calls per account and day, keys read unqualified
SELECT account, date, e.errors, t.total
FROM (SELECT account, date, count(*) AS errors FROM cloudtrail_logs WHERE errorcode IS NOT NULL GROUP BY 1, 2) AS e
JOIN (SELECT account, date, count(*) AS total FROM cloudtrail_logs GROUP BY 1, 2) AS t USING (account, date)
ORDER BY account, date
