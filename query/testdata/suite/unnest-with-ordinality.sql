-- WITH ORDINALITY numbers elements from 1; NULL fields of the edge resources kept
SELECT eventid, i, r.arn, r.accountid, r.type
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) WITH ORDINALITY AS t(r, i)
WHERE account = '123456789012' OR account IS NULL
