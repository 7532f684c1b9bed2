-- UNNEST(split(...)) WITH ORDINALITY: user-agent tokens by position, top tokens at position 2
SELECT token, count(*) AS n
FROM cloudtrail_logs
CROSS JOIN UNNEST(split(useragent, ' ')) WITH ORDINALITY AS t(token, pos)
WHERE pos = 2 AND account = '256224797377'
GROUP BY token
ORDER BY n DESC, token
LIMIT 5
/* duckdb:
SELECT token, count(*) AS n
FROM (SELECT unnest(string_split(useragent, ' ')) AS token, unnest(range(1, len(string_split(useragent, ' ')) + 1)) AS pos
      FROM cloudtrail_logs WHERE account = '256224797377') AS t
WHERE pos = 2
GROUP BY token
ORDER BY n DESC, token
LIMIT 5
*/
