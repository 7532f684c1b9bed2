-- events with resources not owned by the recipient account (filter lambda against recipientaccountid, missing owners included), with the first resource via element_at(...).arn
SELECT eventname, recipientaccountid,
       count(*) AS events,
       sum(cardinality(filter(resources, r -> r.accountid IS NULL OR r.accountid <> recipientaccountid))) AS foreign_resources,
       min(element_at(resources, 1).arn) AS first_arn,
       max(element_at(resources, -1).type) AS last_type
FROM cloudtrail_logs
WHERE cardinality(filter(resources, r -> r.accountid IS NULL OR r.accountid <> recipientaccountid)) > 0
GROUP BY 1, 2
ORDER BY 1, 2
/* duckdb:
SELECT eventname, recipientaccountid,
       count(*) AS events,
       sum(len(list_filter(resources, r -> r.accountid IS NULL OR r.accountid <> recipientaccountid))) AS foreign_resources,
       min(element_at(resources, 1).arn) AS first_arn,
       max(element_at(resources, -1).type) AS last_type
FROM cloudtrail_logs
WHERE len(list_filter(resources, r -> r.accountid IS NULL OR r.accountid <> recipientaccountid)) > 0
GROUP BY 1, 2
ORDER BY 1, 2
*/
