-- events delivered late, with an addendum
SELECT eventid, addendum.reason, addendum.updatedfields, addendum.originaleventid
FROM cloudtrail_logs
WHERE addendum.reason IS NOT NULL
