-- FULL JOIN on a key with NULLs on both sides: NULL keys never match, so each NULL-keyed row appears once, padded with NULLs
WITH l AS (SELECT errorcode AS k, count(*) AS ln FROM cloudtrail_logs WHERE account = '123456789012' GROUP BY errorcode),
     r AS (SELECT errorcode AS k, count(*) AS rn FROM cloudtrail_logs WHERE account IS NULL OR region = 'eu-west-1' AND account = '123456789012' GROUP BY errorcode)
SELECT l.k AS lk, r.k AS rk, ln, rn
FROM l FULL JOIN r ON l.k = r.k
ORDER BY lk NULLS FIRST, rk NULLS FIRST, ln, rn
