-- min_by and max_by over a unique key
SELECT account, min_by(eventname, eventid) AS first_by_id, max_by(sourceipaddress, eventid) AS last_ip_by_id,
       max_by(eventid, eventtime) IS NOT NULL AS has_latest
FROM cloudtrail_logs
GROUP BY account
