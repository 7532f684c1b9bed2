-- UNNEST of an ARRAY literal on its own in FROM, and joined as a list of codes
SELECT t.code, count(c.eventid) AS n
FROM UNNEST(ARRAY['AccessDenied', 'ThrottlingException', 'NoSuchBucket']) AS t(code)
LEFT JOIN cloudtrail_logs AS c ON c.errorcode = t.code AND c.account = '087463005387'
GROUP BY t.code
