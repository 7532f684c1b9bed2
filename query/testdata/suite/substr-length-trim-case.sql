-- substr, length, trim, lower and upper, on multibyte text too
SELECT eventname, substr(eventname, 1, 3) AS head, substr(eventname, 4) AS tail, length(eventname) AS len,
       trim('  ' || eventname || '  ') AS trimmed, lower(eventname) AS lo, upper(eventname) AS up,
       length(useragent) AS agent_len, substr(useragent, 7, 3) AS agent_part
FROM cloudtrail_logs
WHERE account = '123456789012'
