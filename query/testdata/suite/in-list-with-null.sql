-- IN and NOT IN with a NULL in the list: NOT IN is never true then; IN still finds matches
SELECT eventname IN ('CreateUser', NULL) AS in_with_null,
       eventname NOT IN ('CreateUser', NULL) AS not_in_with_null,
       count(*) AS n
FROM cloudtrail_logs
WHERE account = '123456789012'
GROUP BY 1, 2
