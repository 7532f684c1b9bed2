-- one event by id, with the nested useridentity, tlsdetails and resources
SELECT eventid, useridentity, tlsdetails, resources, readonly, managementevent
FROM cloudtrail_logs
WHERE eventid = 'edge-0003'
