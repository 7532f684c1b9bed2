-- fields of one row value are distinct expressions: GROUP BY r.type with min(r.arn) and max(r.accountid) over UNNEST(resources), and a CTE that keeps useridentity whole, grouped by u.type with aggregates of its other fields
WITH res AS (SELECT r FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS x(r)),
     ids AS (SELECT useridentity AS u FROM cloudtrail_logs)
SELECT 'resource' AS kind, r.type AS k, min(r.arn) AS lo, max(r.accountid) AS hi, count(*) AS n
FROM res GROUP BY r.type
UNION ALL
SELECT 'identity', u.type, min(u.arn), max(u.accountid), count(DISTINCT u.principalid)
FROM ids GROUP BY u.type
ORDER BY kind, k NULLS FIRST
