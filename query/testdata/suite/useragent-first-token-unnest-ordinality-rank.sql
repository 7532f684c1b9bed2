-- the top two user-agent products (first space-separated token, via UNNEST(split(...)) WITH ORDINALITY) per principal type
WITH tokens AS (
  SELECT useridentity.type AS principal_type, split_part(tok, '/', 1) AS product
  FROM cloudtrail_logs
  CROSS JOIN UNNEST(split(useragent, ' ')) WITH ORDINALITY AS t(tok, pos)
  WHERE pos = 1 AND useridentity.type IS NOT NULL
), counted AS (
  SELECT principal_type, product, count(*) AS n,
         rank() OVER (PARTITION BY principal_type ORDER BY count(*) DESC) AS rk
  FROM tokens
  GROUP BY 1, 2
)
SELECT principal_type, rk, product, n
FROM counted
WHERE rk <= 2
ORDER BY principal_type, rk, product
/* duckdb:
WITH tokens AS (
  SELECT useridentity.type AS principal_type, split_part(tok, '/', 1) AS product
  FROM cloudtrail_logs
  CROSS JOIN UNNEST(string_split(useragent, ' ')) WITH ORDINALITY AS t(tok, pos)
  WHERE pos = 1 AND useridentity.type IS NOT NULL
), counted AS (
  SELECT principal_type, product, count(*) AS n,
         rank() OVER (PARTITION BY principal_type ORDER BY count(*) DESC) AS rk
  FROM tokens
  GROUP BY 1, 2
)
SELECT principal_type, rk, product, n
FROM counted
WHERE rk <= 2
ORDER BY principal_type, rk, product
*/
