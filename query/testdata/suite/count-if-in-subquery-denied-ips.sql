-- per principal type: calls from IPs that were ever denied (count_if over an IN subquery), and the share they make
SELECT useridentity.type AS principal_type,
       count(*) AS calls,
       count_if(sourceipaddress IN (SELECT sourceipaddress FROM cloudtrail_logs WHERE errorcode = 'AccessDenied')) AS from_denied_ips,
       round(CAST(count_if(sourceipaddress IN (SELECT sourceipaddress FROM cloudtrail_logs WHERE errorcode = 'AccessDenied')) AS double) / count(*), 4) AS share
FROM cloudtrail_logs
GROUP BY 1
ORDER BY 1 NULLS FIRST
