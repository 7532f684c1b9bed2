-- federated users (GetFederationToken sessions): the name after 'federated-user/' (element_at of split on the ARN), per account, with their session issuer
SELECT split_part(useridentity.arn, ':', 5) AS account_in_arn,
       element_at(split(useridentity.arn, '/'), 2) AS federated_name,
       useridentity.sessioncontext.sessionissuer.type AS issuer_type,
       useridentity.sessioncontext.sessionissuer.username AS issuer,
       count(*) AS calls, count(DISTINCT useridentity.accesskeyid) AS keys
FROM cloudtrail_logs
WHERE useridentity.type = 'FederatedUser'
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
/* duckdb:
SELECT split_part(useridentity.arn, ':', 5) AS account_in_arn,
       element_at(string_split(useridentity.arn, '/'), 2) AS federated_name,
       useridentity.sessioncontext.sessionissuer.type AS issuer_type,
       useridentity.sessioncontext.sessionissuer.username AS issuer,
       count(*) AS calls, count(DISTINCT useridentity.accesskeyid) AS keys
FROM cloudtrail_logs
WHERE useridentity.type = 'FederatedUser'
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
*/
