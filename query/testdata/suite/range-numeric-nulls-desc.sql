-- numeric RANGE offsets over a key with NULLs (the length of the error code; NULL without an error), DESC and NULLS FIRST, per service
SELECT eventsource, elen, n,
  sum(n) OVER (PARTITION BY eventsource ORDER BY elen DESC RANGE BETWEEN 3 PRECEDING AND 3 FOLLOWING) AS near,
  count(*) OVER (PARTITION BY eventsource ORDER BY elen NULLS FIRST RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS within5,
  max(elen) OVER (PARTITION BY eventsource ORDER BY elen RANGE BETWEEN 1 FOLLOWING AND 100 FOLLOWING) AS next_longer
FROM (SELECT eventsource, length(errorcode) AS elen, count(*) AS n
      FROM cloudtrail_logs WHERE account = '252456891452' OR account = '123456789012' GROUP BY 1, 2) AS t
ORDER BY eventsource, elen NULLS FIRST
