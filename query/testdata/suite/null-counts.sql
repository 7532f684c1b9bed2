-- NULL versus empty string in counts
SELECT count(*) - count(errorcode) AS null_codes, count(errorcode) AS codes,
       count_if(errorcode IS NULL) AS null_codes_too, count_if(errorcode = '') AS empty_codes,
       count_if(useragent = '') AS empty_agents, count_if(useridentity.username = '') AS empty_usernames
FROM cloudtrail_logs
