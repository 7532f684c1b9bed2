SELECT useridentity_accountid AS caller_account, recipientaccountid AS target_account, eventname, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity_accountid <> recipientaccountid
  AND useridentity_accountid IS NOT NULL
GROUP BY 1, 2, 3
ORDER BY n DESC
