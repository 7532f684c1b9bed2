-- join on two columns, both sides from the same table
WITH a AS (
  SELECT account, eventname, count(*) AS n FROM cloudtrail_logs WHERE region = 'us-east-1' GROUP BY 1, 2
), b AS (
  SELECT account, eventname, count(*) AS n FROM cloudtrail_logs WHERE region = 'eu-west-1' GROUP BY 1, 2
)
SELECT a.account, a.eventname, a.n AS us_east_1, b.n AS eu_west_1
FROM a JOIN b ON a.account = b.account AND a.eventname = b.eventname
