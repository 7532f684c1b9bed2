-- row_number() OVER (PARTITION BY eventid): the lake holds no duplicate
SELECT count(*) AS dups
FROM (
  SELECT row_number() OVER (PARTITION BY eventid ORDER BY eventtime) AS rn
  FROM cloudtrail_logs
) AS t
WHERE rn > 1
