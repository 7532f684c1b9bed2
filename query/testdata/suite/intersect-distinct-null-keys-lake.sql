-- INTERSECT (DISTINCT) treats NULLs as equal: (type, region) pairs seen both in errors and in read-only calls
SELECT useridentity.type, region FROM cloudtrail_logs WHERE errorcode IS NOT NULL
INTERSECT
SELECT useridentity.type, region FROM cloudtrail_logs WHERE readonly
