-- Console logins that did not use MFA
SELECT useridentity.arn, sourceipaddress, eventtime
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
  AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No'
  AND date >= '2026-01-01'
ORDER BY eventtime DESC
LIMIT 100;
