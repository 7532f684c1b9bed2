-- % takes the sign of the dividend and / truncates toward zero, on values computed from the lake (hour minus 12)
SELECT hour(eventtime) - 12 AS h, (hour(eventtime) - 12) / 5 AS q, (hour(eventtime) - 12) % 5 AS r, (hour(eventtime) - 12) % -5 AS r_neg_divisor,
       mod(hour(eventtime) - 12, -5) AS mod_fn, ((hour(eventtime) - 12) / 5) * 5 + (hour(eventtime) - 12) % 5 = hour(eventtime) - 12 AS identity,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1
ORDER BY 1
/* duckdb:
SELECT hour(eventtime) - 12 AS h, CAST(trunc((hour(eventtime) - 12) / 5) AS BIGINT) AS q, (hour(eventtime) - 12) % 5 AS r, (hour(eventtime) - 12) % -5 AS r_neg_divisor,
       mod(hour(eventtime) - 12, -5) AS mod_fn, true AS identity, count(*) AS n
FROM cloudtrail_logs
WHERE eventtime IS NOT NULL
GROUP BY 1
ORDER BY 1
*/
