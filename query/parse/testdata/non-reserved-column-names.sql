SELECT account, region, date, year, month, day, type, position, first, last, rows, partitions, tables, show, "user", value, key, format
FROM weird
WHERE type = 'x' AND year > 2020
ORDER BY first, last
