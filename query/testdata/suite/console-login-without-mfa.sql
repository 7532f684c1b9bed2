-- Athena pattern: console logins without MFA
SELECT useridentity.arn, sourceipaddress, eventtime,
       json_extract_scalar(responseelements, '$.ConsoleLogin') AS result
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
  AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No'
ORDER BY eventtime DESC, useridentity.arn, sourceipaddress
