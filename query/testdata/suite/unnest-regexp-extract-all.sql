-- UNNEST(regexp_extract_all(...)): every ARN named in AccessDenied messages, by service
SELECT split_part(a, ':', 3) AS service, count(*) AS mentions, count(DISTINCT eventid) AS events
FROM cloudtrail_logs
CROSS JOIN UNNEST(regexp_extract_all(errormessage, 'arn:aws:[a-z0-9-]+:[^ ]*')) AS t(a)
WHERE errorcode = 'AccessDenied'
GROUP BY 1
