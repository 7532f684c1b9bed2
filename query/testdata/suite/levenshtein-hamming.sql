-- levenshtein_distance finds near-miss names; hamming_distance compares equal-length account ids
SELECT eventname, levenshtein_distance(eventname, 'GetObjects') AS lev,
       hamming_distance(account, '123456789012') AS ham, count(*) AS n
FROM cloudtrail_logs
WHERE levenshtein_distance(eventname, 'GetObjects') <= 3
GROUP BY 1, 2, 3
/* duckdb:
SELECT eventname, levenshtein(eventname, 'GetObjects') AS lev,
       hamming(account, '123456789012') AS ham, count(*) AS n
FROM cloudtrail_logs
WHERE levenshtein(eventname, 'GetObjects') <= 3
GROUP BY 1, 2, 3
*/
