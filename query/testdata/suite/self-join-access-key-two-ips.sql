-- one long-term access key used from two source IPs within 10 minutes (a self-join on the key)
SELECT a.useridentity.accesskeyid AS key, count(*) AS pairs, count(DISTINCT a.sourceipaddress) AS ips
FROM cloudtrail_logs AS a
JOIN cloudtrail_logs AS b
  ON a.useridentity.accesskeyid = b.useridentity.accesskeyid
 AND a.sourceipaddress < b.sourceipaddress
 AND b.eventtime BETWEEN a.eventtime AND a.eventtime + INTERVAL '10' MINUTE
WHERE a.useridentity.accesskeyid LIKE 'AKIA%' AND b.useridentity.accesskeyid LIKE 'AKIA%'
  AND a.account = '087463005387' AND b.account = '087463005387' AND a.date = '2026-01-01' AND b.date = '2026-01-01'
GROUP BY 1
