-- NOT EXISTS with an inequality residual: access keys used from an IP never seen for that key on an earlier day
SELECT a.useridentity.accesskeyid AS key, a.sourceipaddress, min(a.date) AS first_day
FROM cloudtrail_logs a
WHERE a.date = '2026-01-03' AND a.useridentity.accesskeyid IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM cloudtrail_logs b
                  WHERE b.useridentity.accesskeyid = a.useridentity.accesskeyid AND b.sourceipaddress = a.sourceipaddress AND b.date < a.date)
GROUP BY a.useridentity.accesskeyid, a.sourceipaddress
