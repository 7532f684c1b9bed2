-- IAM Identity Center users (onBehalfOf)
SELECT account, useridentity.onbehalfof.identitystorearn AS store, count(DISTINCT useridentity.onbehalfof.userid) AS users, count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'IdentityCenterUser'
GROUP BY 1, 2
