SELECT *
FROM (
  SELECT *
  FROM (
    SELECT useridentity_arn, count(*) AS n
    FROM cloudtrail_logs
    GROUP BY 1
  ) inner_q
  WHERE n > (SELECT avg(n) FROM (SELECT count(*) AS n FROM cloudtrail_logs GROUP BY useridentity_arn) s)
) outer_q
ORDER BY n DESC
