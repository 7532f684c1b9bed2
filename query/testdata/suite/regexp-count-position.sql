-- regexp_count and regexp_position: how many ARNs an error message names and where the first digit is
SELECT errorcode, regexp_count(errormessage, 'arn:aws:[a-z0-9-]+:') AS arns,
       regexp_position(errormessage, '[0-9]') AS first_digit,
       count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND errormessage IS NOT NULL AND account = '252456891452'
GROUP BY 1, 2, 3
/* duckdb:
SELECT errorcode, CAST(len(regexp_extract_all(errormessage, 'arn:aws:[a-z0-9-]+:')) AS BIGINT) AS arns,
       CASE WHEN regexp_matches(errormessage, '[0-9]') THEN strpos(errormessage, system.main.regexp_extract(errormessage, '[0-9]', 0)) ELSE -1 END AS first_digit,
       count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND errormessage IS NOT NULL AND account = '252456891452'
GROUP BY 1, 2, 3
*/
