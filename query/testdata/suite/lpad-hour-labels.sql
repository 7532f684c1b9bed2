-- lpad/rpad to build fixed-width labels; lpad shorter than the text cuts it
SELECT lpad(CAST(hour(eventtime) AS VARCHAR), 2, '0') || ':00' AS hour_label,
       rpad(eventname, 12, '.') AS name12,
       lpad(eventname, 4, '*') AS cut,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '252456891452' AND date = '2026-01-02' AND region = 'us-east-1' AND eventsource = 'kms.amazonaws.com'
GROUP BY 1, 2, 3
