-- ORDER BY and LIMIT after a UNION apply to the whole result, by output name, NULLs last
SELECT useridentity.type AS kind FROM cloudtrail_logs WHERE account = '123456789012'
UNION
SELECT eventtype FROM cloudtrail_logs WHERE account = '123456789012'
ORDER BY kind DESC
LIMIT 6
