-- the same guard written in the ON of a join and in a CTE filter
WITH roots AS (
  SELECT eventid, useridentity.principalid AS pid FROM cloudtrail_logs
  WHERE account = '123456789012' AND useridentity.type = 'Root'
)
SELECT eventid, CAST(pid AS bigint) AS id FROM roots WHERE CAST(pid AS bigint) > 0
