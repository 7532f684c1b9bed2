-- element_at from the front, the back and out of range
SELECT eventid, element_at(resources_arn, 1) AS first, element_at(resources_arn, -1) AS last,
       element_at(resources_type, 5) AS fifth, resources_accountid
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
