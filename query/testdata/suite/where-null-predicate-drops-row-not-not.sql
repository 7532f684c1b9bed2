-- WHERE keeps only TRUE: a predicate that is NULL drops the row, and so does its NOT; only IS NULL / coalesce bring those rows back
SELECT count(*) AS all_rows,
       count_if(errorcode = 'AccessDenied') AS denied,
       count_if(NOT (errorcode = 'AccessDenied')) AS not_denied,
       count_if((errorcode = 'AccessDenied') IS NULL) AS unknown,
       count_if(coalesce(errorcode <> 'AccessDenied', true)) AS not_denied_or_null
FROM cloudtrail_logs
