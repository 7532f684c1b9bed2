-- substr with a negative start counts from the end; past the end gives ''
SELECT substr(eventid, -4) AS last4, substr(useridentity.accesskeyid, 1, 4) AS key_prefix,
       substr(eventname, 100) AS past_end, substr(eventname, -3, 2) AS mid
FROM cloudtrail_logs
WHERE account = '123456789012'
ORDER BY eventid
