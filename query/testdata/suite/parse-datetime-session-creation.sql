-- parse_datetime with a Joda pattern: session creation times, and how many calls came late in a session
SELECT useridentity.type AS principal_type,
       count(*) AS calls,
       count_if(date_diff('minute', parse_datetime(useridentity.sessioncontext.attributes.creationdate, 'yyyy-MM-dd''T''HH:mm:ss''Z'''), eventtime) >= 50) AS late_calls,
       min(parse_datetime(useridentity.sessioncontext.attributes.creationdate, 'yyyy-MM-dd''T''HH:mm:ss''Z''')) AS first_session
FROM cloudtrail_logs
WHERE useridentity.sessioncontext.attributes.creationdate IS NOT NULL
GROUP BY 1
/* duckdb:
SELECT useridentity.type AS principal_type,
       count(*) AS calls,
       count(*) FILTER (WHERE date_diff('minute', CAST(strptime(useridentity.sessioncontext.attributes.creationdate, '%Y-%m-%dT%H:%M:%SZ') AS TIMESTAMPTZ), eventtime) >= 50) AS late_calls,
       min(CAST(strptime(useridentity.sessioncontext.attributes.creationdate, '%Y-%m-%dT%H:%M:%SZ') AS TIMESTAMPTZ)) AS first_session
FROM cloudtrail_logs
WHERE useridentity.sessioncontext.attributes.creationdate IS NOT NULL
GROUP BY 1
*/
