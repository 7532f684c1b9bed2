-- web identity (OIDC) sessions
SELECT useridentity.sessioncontext.webidfederationdata.federatedprovider AS provider, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.sessioncontext.webidfederationdata.federatedprovider IS NOT NULL
GROUP BY 1
