-- transform() with a lambda: the product names in each SDK/CLI user agent string
SELECT array_join(transform(split(useragent, ' '), x -> split_part(x, '/', 1)), ',') AS products, count(*) AS n
FROM cloudtrail_logs
WHERE useragent LIKE 'aws-%'
GROUP BY 1
/* duckdb:
SELECT array_to_string(list_transform(string_split(useragent, ' '), x -> system.main.split_part(x, '/', 1)), ',') AS products, count(*) AS n
FROM cloudtrail_logs
WHERE useragent LIKE 'aws-%'
GROUP BY 1
*/
