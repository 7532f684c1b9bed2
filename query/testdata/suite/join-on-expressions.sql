-- join keys that are expressions: AssumeRole's requested roleArn against the sessions' issuer ARN
SELECT split_part(ar.role_arn, '/', 2) AS role, ar.assumes, s.actions
FROM (SELECT json_extract_scalar(requestparameters, '$.roleArn') AS role_arn, count(*) AS assumes
      FROM cloudtrail_logs WHERE eventname = 'AssumeRole' AND account = '256224797377' GROUP BY 1) AS ar
JOIN (SELECT useridentity.sessioncontext.sessionissuer.arn AS issuer, count(*) AS actions
      FROM cloudtrail_logs WHERE useridentity.type = 'AssumedRole' AND account = '256224797377' GROUP BY 1) AS s
  ON lower(ar.role_arn) = lower(s.issuer)
ORDER BY role
