-- mutating API verbs from a watch list (UNNEST of an ARRAY literal, starts_with): calls, failures and principals per verb and service
SELECT w.verb, eventsource, count(*) AS calls, count_if(errorcode IS NOT NULL) AS failed,
       count(DISTINCT coalesce(useridentity.arn, useridentity.type)) AS principals
FROM cloudtrail_logs
CROSS JOIN UNNEST(ARRAY['Create', 'Attach', 'Put', 'Schedule', 'Delete', 'Run']) AS w(verb)
WHERE starts_with(eventname, w.verb)
GROUP BY 1, 2
ORDER BY 1, 2
