-- window aggregates over a UNION ALL and a constant partition, ordered by a nullable key
SELECT src, n, sum(n) OVER (PARTITION BY 1) AS total, row_number() OVER (ORDER BY n DESC NULLS FIRST, src) AS rn,
  avg(n) OVER (ORDER BY src ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS avg_before
FROM (
  SELECT eventsource AS src, count(*) AS n FROM cloudtrail_logs WHERE date = '2026-01-01' GROUP BY eventsource
  UNION ALL
  SELECT 'none', CAST(NULL AS bigint)
) AS u
