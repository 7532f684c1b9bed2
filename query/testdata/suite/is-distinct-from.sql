-- IS [NOT] DISTINCT FROM treats NULL as a value
SELECT count_if(errorcode IS DISTINCT FROM 'AccessDenied') AS distinct_from,
       count_if(errorcode IS NOT DISTINCT FROM NULL) AS not_distinct_null
FROM cloudtrail_logs
