SELECT eventtime, useridentity.arn AS actor,
       json_extract_scalar(requestparameters, '$.userName') AS new_user
FROM cloudtrail_logs
WHERE eventsource = 'iam.amazonaws.com' AND eventname = 'CreateUser'
ORDER BY eventtime DESC
