-- INTERSECT binds tighter than UNION; parentheses change the answer
SELECT 'a' AS which, count(*) AS n FROM (
  SELECT eventname FROM cloudtrail_logs WHERE eventsource = 'iam.amazonaws.com'
  UNION
  SELECT eventname FROM cloudtrail_logs WHERE eventsource = 'sts.amazonaws.com'
  INTERSECT
  SELECT eventname FROM cloudtrail_logs WHERE readonly = false
) AS t
UNION ALL
SELECT 'b' AS which, count(*) AS n FROM (
  (SELECT eventname FROM cloudtrail_logs WHERE eventsource = 'iam.amazonaws.com'
   UNION
   SELECT eventname FROM cloudtrail_logs WHERE eventsource = 'sts.amazonaws.com')
  INTERSECT
  SELECT eventname FROM cloudtrail_logs WHERE readonly = false
) AS t
