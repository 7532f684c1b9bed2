-- simple CASE with ELSE, on a struct field
SELECT CASE useridentity.type WHEN 'Root' THEN 'root' WHEN 'IAMUser' THEN 'user' WHEN 'AssumedRole' THEN 'role' ELSE 'other' END AS who,
       count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
