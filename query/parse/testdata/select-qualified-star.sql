SELECT c.*, i.insightdetails
FROM cloudtrail_logs AS c
JOIN insights AS i ON c.eventid = i.sharedeventid
