-- date_parse of the session creation date string
SELECT date_trunc('hour', date_parse(useridentity.sessioncontext.attributes.creationdate, '%Y-%m-%dT%H:%i:%sZ')) AS created_hour,
       count(*) AS n
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND date = '2026-01-02' AND region = 'eu-west-1'
GROUP BY 1
