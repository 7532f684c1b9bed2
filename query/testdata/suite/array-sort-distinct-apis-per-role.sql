-- array_join(array_sort(array_agg(DISTINCT ...))): the APIs each role called, as one sorted list
SELECT useridentity.sessioncontext.sessionissuer.username AS role,
       array_join(array_sort(array_agg(DISTINCT eventname)), ', ') AS apis
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '087463005387'
GROUP BY 1
/* duckdb:
SELECT useridentity.sessioncontext.sessionissuer.username AS role,
       array_to_string(list_sort(list(DISTINCT eventname)), ', ') AS apis
FROM cloudtrail_logs
WHERE useridentity.type = 'AssumedRole' AND account = '087463005387'
GROUP BY 1
*/
