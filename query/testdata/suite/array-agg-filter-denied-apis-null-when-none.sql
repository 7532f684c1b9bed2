-- per principal type: the APIs it was denied (array_agg DISTINCT ... ORDER BY with FILTER: NULL when none), and the count of such calls
SELECT useridentity.type AS principal_type,
       array_agg(DISTINCT eventname ORDER BY eventname) FILTER (WHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation')) AS denied_apis,
       count(*) FILTER (WHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation')) AS denied_calls,
       sum(CASE WHEN errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation') THEN 1 END) AS denied_sum
FROM cloudtrail_logs
GROUP BY 1
ORDER BY 1 NULLS FIRST
