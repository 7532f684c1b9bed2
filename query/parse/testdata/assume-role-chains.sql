WITH assumes AS (
  SELECT useridentity_arn AS source, json_extract_scalar(requestparameters, '$.roleArn') AS target, eventtime
  FROM cloudtrail_logs
  WHERE eventname = 'AssumeRole' AND errorcode IS NULL
)
SELECT a1.source, a1.target AS hop1, a2.target AS hop2
FROM assumes a1
JOIN assumes a2
  ON regexp_replace(a2.source, '^arn:aws:sts::(\d+):assumed-role/([^/]+)/.*$', 'arn:aws:iam::$1:role/$2') = a1.target
 AND a2.eventtime BETWEEN a1.eventtime AND a1.eventtime + INTERVAL '1' HOUR
