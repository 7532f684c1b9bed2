-- double-quoted names, a quoted struct field and a quoted keyword alias
SELECT "eventName", "useridentity"."type" AS "Type", count(*) AS "count"
FROM "cloudtrail_logs"
WHERE "eventSource" = 'sts.amazonaws.com'
GROUP BY 1, 2
