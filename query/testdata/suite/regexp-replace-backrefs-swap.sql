-- regexp_replace with two back-references swapped, \d classes, and a non-matching row left as is
SELECT regexp_replace(useridentity.arn, '^arn:aws:iam::(\d{12}):user/(.+)$', '$2@$1') AS user_at_account,
       regexp_replace(eventsource, '^([a-z0-9]+)\.amazonaws\.com$', '$1') AS service,
       count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type IN ('IAMUser', 'Root') AND account IN ('252456891452', '123456789012')
GROUP BY 1, 2
