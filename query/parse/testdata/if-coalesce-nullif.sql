SELECT if(errorcode IS NULL, 'ok', 'error') AS status, coalesce(useridentity_username, useridentity_principalid, 'unknown') AS who,
       nullif(errormessage, '') AS msg, greatest(1, 2, 3) AS g
FROM cloudtrail_logs
