-- WITH name(columns)
WITH c(name, n) AS (
  SELECT eventname, count(*) FROM cloudtrail_logs GROUP BY 1
)
SELECT name, n FROM c WHERE n > 1000
