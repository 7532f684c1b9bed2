SELECT useridentity_username, sourceipaddress, count(*) AS failures
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
  AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure'
GROUP BY useridentity_username, sourceipaddress
HAVING count(*) >= 5
ORDER BY failures DESC
