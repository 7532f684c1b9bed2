SELECT "eventName", "userIdentity"."arn", "my table"."weird ""col""", "a.b"
FROM "default"."cloudtrail_logs" AS "my table"
WHERE "date" = '2026-01-01'
