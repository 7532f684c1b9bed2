-- resources owned by another account than the recipient
SELECT recipientaccountid, r.accountid, count(*) AS n
FROM cloudtrail_logs
CROSS JOIN UNNEST(resources) AS t(r)
WHERE r.accountid <> recipientaccountid OR r.accountid IS NULL
GROUP BY 1, 2
