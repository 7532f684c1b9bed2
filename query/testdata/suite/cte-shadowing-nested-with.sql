-- a WITH inside a subquery shadows an outer CTE of the same name only inside that subquery
WITH t AS (SELECT eventname AS name, count(*) AS n FROM cloudtrail_logs WHERE account = '123456789012' GROUP BY eventname)
SELECT outer_t.name, outer_t.n, inner_q.max_n
FROM t AS outer_t
CROSS JOIN (
  WITH t AS (SELECT eventsource AS name, count(*) AS n FROM cloudtrail_logs GROUP BY eventsource)
  SELECT max(n) AS max_n FROM t
) AS inner_q
ORDER BY outer_t.name
