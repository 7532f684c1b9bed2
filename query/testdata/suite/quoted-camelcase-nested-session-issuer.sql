-- CloudTrail's own camelCase, quoted ("userIdentity"."sessionContext"."sessionIssuer"."userName"), in SELECT, WHERE and GROUP BY
SELECT "userIdentity"."sessionContext"."sessionIssuer"."userName" AS issuer,
       "userIdentity"."sessionContext"."attributes"."mfaAuthenticated" AS mfa,
       count(*) AS calls, count(DISTINCT "eventName") AS apis
FROM cloudtrail_logs
WHERE "userIdentity"."type" = 'AssumedRole' AND "eventSource" = 'sts.amazonaws.com'
GROUP BY "userIdentity"."sessionContext"."sessionIssuer"."userName", "userIdentity"."sessionContext"."attributes"."mfaAuthenticated"
ORDER BY calls DESC, issuer
LIMIT 10
/* duckdb:
SELECT useridentity.sessioncontext.sessionissuer.username AS issuer,
       useridentity.sessioncontext.attributes.mfaauthenticated AS mfa,
       count(*) AS calls, count(DISTINCT eventname) AS apis
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND eventsource = 'sts.amazonaws.com'
GROUP BY 1, 2
ORDER BY calls DESC, issuer
LIMIT 10
*/
