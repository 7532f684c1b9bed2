-- regexp_replace replaces every match; $1 refers to a group
SELECT regexp_replace(useridentity.arn, '[0-9]{12}', 'ACCOUNT') AS arn_shape,
       regexp_replace(useridentity.arn, '^arn:aws:sts::[0-9]+:(assumed-role)/([^/]+)/.*$', '$1 $2') AS role,
       regexp_replace(coalesce(useridentity.username, ''), '[0-9]') AS name_no_digits,
       count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL
GROUP BY 1, 2, 3
