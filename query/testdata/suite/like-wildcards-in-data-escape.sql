-- LIKE with _ and % occurring in the data itself: unescaped they are wildcards, escaped they match only themselves
SELECT eventname,
       eventname LIKE 'Weird_Name%' AS plain, eventname LIKE 'Weird\_Name\%Test' ESCAPE '\' AS escaped,
       eventname LIKE '%\%%' ESCAPE '\' AS has_percent, eventname LIKE '%#_%' ESCAPE '#' AS has_underscore,
       eventname LIKE 'Weird_Name_Test' AS one_char, eventname LIKE '_____' AS five_chars, eventname LIKE '%' AS anything
FROM cloudtrail_logs
WHERE account = '123456789012'
ORDER BY eventname
