-- IN (subquery with GROUP BY/HAVING): every call of the source IPs that had more than 5 AccessDenied errors
SELECT sourceipaddress, eventname, count(*) AS n
FROM cloudtrail_logs
WHERE sourceipaddress IN (SELECT sourceipaddress FROM cloudtrail_logs WHERE errorcode = 'AccessDenied'
                          GROUP BY sourceipaddress HAVING count(*) > 5)
  AND account = '087463005387'
GROUP BY 1, 2
