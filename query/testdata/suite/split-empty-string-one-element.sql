-- split of the empty string is one empty element; cardinality of split(useragent, ' ') per edge event
SELECT eventid, useragent, split(useragent, ' ') AS parts, cardinality(split(useragent, ' ')) AS n,
       split('', ',') AS empty_split, element_at(split(useragent, '/'), 1) AS product
FROM cloudtrail_logs
WHERE account = '123456789012' AND useragent IS NOT NULL
/* duckdb:
SELECT eventid, useragent, string_split(useragent, ' ') AS parts, cardinality(string_split(useragent, ' ')) AS n,
       string_split('', ',') AS empty_split, element_at(string_split(useragent, '/'), 1) AS product
FROM cloudtrail_logs
WHERE account = '123456789012' AND useragent IS NOT NULL
*/
