-- source IPs used both by a root user and by an IAM user (INTERSECT), with how many principals and accounts used each
SELECT ip, count(DISTINCT c.useridentity.arn) AS principals, count(DISTINCT c.account) AS accounts, count(*) AS calls
FROM (
  SELECT sourceipaddress AS ip FROM cloudtrail_logs WHERE useridentity.type = 'Root'
  INTERSECT
  SELECT sourceipaddress FROM cloudtrail_logs WHERE useridentity.type = 'IAMUser'
) AS shared
JOIN cloudtrail_logs AS c ON c.sourceipaddress = shared.ip
GROUP BY ip
ORDER BY principals DESC, ip
LIMIT 15
