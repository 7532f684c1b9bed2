-- table, column and function names in any case
SELECT EventName, COUNT(*) AS N
FROM CloudTrail_Logs
WHERE EventSource = 'kms.amazonaws.com'
GROUP BY EventName
