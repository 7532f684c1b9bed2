-- FULL JOIN of two grouped sides on a nullable key, with COALESCE of the keys and IS NOT DISTINCT FROM
SELECT coalesce(x.k, y.k) AS k, x.n AS errors_day1, y.n AS errors_day3, x.k IS NOT DISTINCT FROM y.k AS same
FROM (SELECT errorcode AS k, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-01' GROUP BY errorcode) AS x
FULL JOIN (SELECT errorcode AS k, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-03' OR date IS NULL GROUP BY errorcode) AS y
  ON x.k = y.k
