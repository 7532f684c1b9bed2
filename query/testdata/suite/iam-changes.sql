-- IAM writes with their parameters
SELECT eventname, useridentity.arn AS who, json_extract_scalar(requestparameters, '$.roleName') AS role,
       json_extract_scalar(requestparameters, '$.policyArn') AS policy, json_extract_scalar(requestparameters, '$.userName') AS new_user,
       count(*) AS n
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com' AND NOT readonly
GROUP BY 1, 2, 3, 4, 5
