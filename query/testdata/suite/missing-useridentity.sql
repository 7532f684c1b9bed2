-- events without userIdentity have NULL fields
SELECT eventid, eventname, useridentity.type, useridentity.arn, useridentity.sessioncontext.sessionissuer.arn AS issuer
FROM cloudtrail_logs
WHERE useridentity.type IS NULL OR useridentity.type = 'AWSService' AND (account = '123456789012' OR account IS NULL)
