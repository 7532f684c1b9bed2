-- console sign-ins per user: failures, successes, logins without MFA, and whether a success followed a failure
SELECT coalesce(useridentity.username, useridentity.arn) AS who,
       count_if(json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure') AS failures,
       count_if(json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success') AS successes,
       count_if(json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No') AS no_mfa,
       max(eventtime) FILTER (WHERE json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success')
         > min(eventtime) FILTER (WHERE json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure') AS success_after_failure
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1
/* duckdb:
SELECT coalesce(useridentity.username, useridentity.arn) AS who,
       count(*) FILTER (WHERE json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure') AS failures,
       count(*) FILTER (WHERE json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success') AS successes,
       count(*) FILTER (WHERE json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No') AS no_mfa,
       max(eventtime) FILTER (WHERE json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success')
         > min(eventtime) FILTER (WHERE json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure') AS success_after_failure
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1
*/
