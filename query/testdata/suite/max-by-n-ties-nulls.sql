-- max_by/min_by with n: rows whose key is NULL are skipped, NULL values kept, fewer rows than n give a shorter array, a group of only NULL keys gives NULL
SELECT k, max_by(v, o, 3) AS top3, min_by(v, o, 2) AS bottom2, max_by(v, o, 10) AS all_desc, min_by(o, v, 5) AS by_value
FROM (VALUES ('a', 'x', 1), ('a', NULL, 5), ('a', 'z', NULL), ('a', 'y', 3),
             ('b', 'p', 2), ('b', 'p', 2), ('b', 'q', 1),
             ('c', 'n', NULL)) AS t(k, v, o)
GROUP BY k
/* duckdb:
SELECT * FROM (VALUES
  ('a', [NULL, 'y', 'x'], ['x', 'y'], [NULL, 'y', 'x'], [1, 3, NULL]),
  ('b', ['p', 'p', 'q'], ['q', 'p'], ['p', 'p', 'q'], [2, 2, 1]),
  ('c', NULL, NULL, NULL, [NULL])
) AS t(k, top3, bottom2, all_desc, by_value)
*/
