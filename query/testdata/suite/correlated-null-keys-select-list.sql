-- NULL correlation keys in the select list: edge events with no ARN, date or access key match nothing, so count is 0, sum NULL and EXISTS false
SELECT c.eventid, c.useridentity.arn AS arn, c.date,
  (SELECT count(*) FROM cloudtrail_logs AS o WHERE o.useridentity.arn = c.useridentity.arn) AS same_arn,
  (SELECT sum(length(o.eventname)) FROM cloudtrail_logs AS o WHERE o.useridentity.arn = c.useridentity.arn AND o.date = c.date) AS name_chars,
  EXISTS (SELECT 1 FROM cloudtrail_logs AS o
          WHERE o.useridentity.accesskeyid = c.useridentity.accesskeyid AND o.eventname = 'ScheduleKeyDeletion') AS key_deleted
FROM cloudtrail_logs AS c
WHERE c.eventid LIKE 'edge-%'
ORDER BY c.eventid
