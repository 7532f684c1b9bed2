-- RANGE, ROWS and offset frames, ranks, ntile, percent_rank, cume_dist, nth_value, lag/lead with defaults over an ORDER BY key with NULLs and peers
SELECT id, k,
       sum(id) OVER (ORDER BY k RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s_range,
       sum(id) OVER (ORDER BY k, id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s_rows,
       count(*) OVER (ORDER BY k RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING) AS c_off,
       sum(id) OVER (ORDER BY id ROWS BETWEEN 3 FOLLOWING AND 5 FOLLOWING) AS s_empty,
       rank() OVER (ORDER BY k) AS rk, dense_rank() OVER (ORDER BY k DESC) AS drk, ntile(3) OVER (ORDER BY id) AS nt,
       percent_rank() OVER (ORDER BY k) AS pr, cume_dist() OVER (ORDER BY k) AS cd,
       nth_value(id, 2) OVER (ORDER BY k, id) AS nv, lag(k, 2, -1) OVER (ORDER BY id) AS lg, lead(k, 3) OVER (ORDER BY id) AS ld
FROM (VALUES (1, 10), (2, 10), (3, NULL), (4, 20), (5, NULL), (6, 30), (7, 30), (8, 30)) AS t(id, k)
ORDER BY id
