-- who reads which secrets: secret name from the secretId ARN (regexp_extract group), per role, with the first caller IP (min_by) and the span
SELECT coalesce(useridentity.sessioncontext.sessionissuer.username, useridentity.username, useridentity.type) AS who,
       regexp_extract(json_extract_scalar(requestparameters, '$.secretId'), ':secret:(.+)-[A-Za-z0-9]{6}$', 1) AS secret,
       count(*) AS reads, count_if(errorcode IS NOT NULL) AS failed,
       min_by(sourceipaddress, eventtime) AS first_ip,
       date_diff('hour', min(eventtime), max(eventtime)) AS span_h
FROM cloudtrail_logs
WHERE eventname = 'GetSecretValue'
GROUP BY 1, 2
HAVING count(*) >= 10
ORDER BY reads DESC, who, secret
