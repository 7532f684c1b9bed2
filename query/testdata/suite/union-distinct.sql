-- UNION removes duplicates across both sides
SELECT useridentity.accountid AS id FROM cloudtrail_logs
UNION
SELECT recipientaccountid FROM cloudtrail_logs
