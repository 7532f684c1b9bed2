-- how old temporary sessions are when used: minutes since sessioncontext.attributes.creationdate (from_iso8601_timestamp), bucketed, by MFA
SELECT useridentity.type AS principal_type,
       useridentity.sessioncontext.attributes.mfaauthenticated AS mfa,
       CASE WHEN date_diff('minute', from_iso8601_timestamp(useridentity.sessioncontext.attributes.creationdate), eventtime) < 15 THEN '0-15m'
            WHEN date_diff('minute', from_iso8601_timestamp(useridentity.sessioncontext.attributes.creationdate), eventtime) < 60 THEN '15-60m'
            ELSE '60m+' END AS age,
       count(*) AS calls,
       max(date_diff('minute', from_iso8601_timestamp(useridentity.sessioncontext.attributes.creationdate), eventtime)) AS oldest_min
FROM cloudtrail_logs
WHERE useridentity.sessioncontext.attributes.creationdate IS NOT NULL
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
