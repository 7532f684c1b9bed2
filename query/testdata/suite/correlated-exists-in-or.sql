-- EXISTS inside OR, unqualified outer names: root calls, or calls from an IP that some other principal also used for ConsoleLogin
SELECT eventname, useridentity.type AS principal_type, count(*) AS n
FROM cloudtrail_logs AS c
WHERE useridentity.type = 'Root'
   OR EXISTS (SELECT 1 FROM cloudtrail_logs AS l
              WHERE l.eventname = 'ConsoleLogin' AND l.sourceipaddress = c.sourceipaddress
                AND l.useridentity.arn <> 'x')
GROUP BY 1, 2
ORDER BY n DESC, eventname, principal_type
LIMIT 30
