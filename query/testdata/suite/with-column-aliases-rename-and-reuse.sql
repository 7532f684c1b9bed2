-- WITH t(a, b) renames the query's columns; a later CTE refers to the new names, and the old ones are gone
WITH per_type(kind, calls) AS (SELECT useridentity.type, count(*) FROM cloudtrail_logs GROUP BY 1),
     ranked(kind, calls, pos) AS (SELECT kind, calls, row_number() OVER (ORDER BY calls DESC, kind) FROM per_type)
SELECT kind, calls, pos FROM ranked WHERE pos <= 5 OR kind IS NULL
ORDER BY pos
