-- integer division and modulo truncate toward zero for negatives; mod() and abs()
SELECT -7 / 2 AS div_neg, -7 % 2 AS mod_neg, 7 / -2 AS div_neg_divisor, mod(-7, 3) AS mod_fn, 7 % -3 AS mod_neg_divisor,
       abs(-5) AS abs5, (count(*) - 100000) / 7 AS big_neg, (count(*) - 100000) % 7 AS big_rem
FROM cloudtrail_logs
/* duckdb:
SELECT -3 AS div_neg, -1 AS mod_neg, -3 AS div_neg_divisor, -1 AS mod_fn, 1 AS mod_neg_divisor,
       5 AS abs5, CAST(trunc((count(*) - 100000) / 7) AS BIGINT) AS big_neg, (count(*) - 100000) % 7 AS big_rem
FROM cloudtrail_logs
*/
