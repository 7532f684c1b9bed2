-- NOT IN against a subquery that returns a NULL is never TRUE: no row passes, while NOT EXISTS keeps the unmatched rows
SELECT (SELECT count(*) FROM cloudtrail_logs WHERE eventtype NOT IN (SELECT useridentity.type FROM cloudtrail_logs)) AS not_in,
       (SELECT count(*) FROM cloudtrail_logs AS e WHERE NOT EXISTS (SELECT 1 FROM cloudtrail_logs AS u WHERE u.useridentity.type = e.eventtype)) AS not_exists,
       (SELECT count(*) FROM cloudtrail_logs WHERE eventtype NOT IN (SELECT useridentity.type FROM cloudtrail_logs WHERE useridentity.type IS NOT NULL)) AS not_in_non_null
