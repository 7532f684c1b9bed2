-- the last path segment of an ARN three ways: reverse/split_part, element_at(split, -1), regexp_extract
SELECT reverse(split_part(reverse(useridentity.arn), '/', 1)) AS via_reverse,
       element_at(split(useridentity.arn, '/'), -1) AS via_element_at,
       regexp_extract(useridentity.arn, '[^/]+$') AS via_regexp,
       count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.arn IS NOT NULL AND account = '256224797377'
GROUP BY 1, 2, 3
