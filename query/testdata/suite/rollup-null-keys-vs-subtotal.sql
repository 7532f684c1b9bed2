-- ROLLUP over a column with real NULLs: the NULL errorcode group and the subtotal row both show NULL, told apart by grouping()
SELECT eventsource, errorcode, grouping(errorcode) AS sub, count(*) AS n,
  CASE WHEN grouping(errorcode) = 1 THEN 'all codes' ELSE coalesce(errorcode, 'ok') END AS label
FROM cloudtrail_logs
WHERE eventsource IN ('iam.amazonaws.com', 'signin.amazonaws.com', 'health.amazonaws.com')
GROUP BY ROLLUP (eventsource, errorcode)
ORDER BY eventsource NULLS FIRST, sub, errorcode NULLS FIRST
