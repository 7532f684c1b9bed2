-- varchar comparison is exact: trailing spaces count ('a ' <> 'a', 'a' < 'a '), unlike CHAR; trim makes them equal
SELECT x, y, x = y AS eq, x < y AS lt, length(x) AS lx, rtrim(x) = rtrim(y) AS eq_trimmed, x LIKE y AS like_xy, x IN (y, 'zz') AS in_list
FROM (VALUES ('a', 'a '), ('a ', 'a'), ('a', 'a'), (' a', 'a'), ('', ' '), ('b', 'a  ')) AS t(x, y)
ORDER BY x, y
