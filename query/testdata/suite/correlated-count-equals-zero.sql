-- the count(*) = 0 anti-join an analyst writes instead of NOT EXISTS: IAM users' writes from IPs they never used for a read that day
SELECT c.useridentity.arn AS arn, c.sourceipaddress, count(*) AS n
FROM cloudtrail_logs AS c
WHERE c.useridentity.type = 'IAMUser' AND c.readonly = false AND c.account = '087463005387'
  AND (SELECT count(*) FROM cloudtrail_logs AS r
       WHERE r.readonly = true AND r.useridentity.arn = c.useridentity.arn AND r.sourceipaddress = c.sourceipaddress AND r.date = c.date) = 0
GROUP BY 1, 2
