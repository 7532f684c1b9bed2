-- greatest/least over timestamps: the earliest evidence of each role (session creation or call) and the last call
SELECT useridentity.sessioncontext.sessionissuer.username AS role,
       least(min(eventtime), min(from_iso8601_timestamp(useridentity.sessioncontext.attributes.creationdate))) AS earliest,
       greatest(max(eventtime), TIMESTAMP '2026-01-02 00:00:00 UTC') AS latest_or_cutoff
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '252456891452'
GROUP BY 1
/* duckdb:
SELECT useridentity.sessioncontext.sessionissuer.username AS role,
       least(min(eventtime), min(from_iso8601_timestamp(useridentity.sessioncontext.attributes.creationdate))) AS earliest,
       greatest(max(eventtime), TIMESTAMPTZ '2026-01-02 00:00:00+00') AS latest_or_cutoff
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '252456891452'
GROUP BY 1
*/
