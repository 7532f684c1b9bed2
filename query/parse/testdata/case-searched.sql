SELECT CASE
         WHEN useridentity_type = 'Root' THEN 'root'
         WHEN useridentity_type = 'IAMUser' THEN 'user'
         WHEN useridentity_type IN ('AssumedRole', 'FederatedUser') THEN 'role'
         ELSE 'other'
       END AS principal_kind,
       count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
