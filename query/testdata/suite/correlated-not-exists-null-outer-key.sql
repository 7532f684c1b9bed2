-- NOT EXISTS with NULL keys on the outer side: edge events without an access key are kept (nothing equals NULL); the key that scheduled a deletion is dropped
SELECT c.eventid, c.useridentity.accesskeyid AS key
FROM cloudtrail_logs AS c
WHERE c.eventid LIKE 'edge-%'
  AND NOT EXISTS (SELECT 1 FROM cloudtrail_logs AS o
                  WHERE o.useridentity.accesskeyid = c.useridentity.accesskeyid AND o.eventname = 'ScheduleKeyDeletion')
ORDER BY c.eventid
