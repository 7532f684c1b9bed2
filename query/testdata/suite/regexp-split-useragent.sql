-- regexp_split: the first token of the user agent and how many tokens it has
SELECT element_at(regexp_split(useragent, '[ /]+'), 1) AS product,
       cardinality(regexp_split(useragent, '[ /]+')) AS tokens,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387' AND date = '2026-01-01'
GROUP BY 1, 2
/* duckdb:
SELECT regexp_split_to_array(useragent, '[ /]+')[1] AS product,
       CAST(len(regexp_split_to_array(useragent, '[ /]+')) AS BIGINT) AS tokens,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '087463005387' AND date = '2026-01-01'
GROUP BY 1, 2
*/
