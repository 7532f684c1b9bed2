-- each IAM user's most recent outcome: max_by(errorcode, eventtime) is NULL when the latest call succeeded (Trino keeps NULL values of x)
SELECT useridentity.username AS username,
       max_by(errorcode, eventtime) AS latest_error,
       min_by(errorcode, eventtime) AS earliest_error,
       max_by(eventname, eventtime) AS latest_api,
       count(*) AS calls
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser'
GROUP BY 1
ORDER BY 1
/* duckdb:
SELECT useridentity.username AS username,
       arg_max_null(errorcode, eventtime) AS latest_error,
       arg_min_null(errorcode, eventtime) AS earliest_error,
       arg_max_null(eventname, eventtime) AS latest_api,
       count(*) AS calls
FROM cloudtrail_logs
WHERE useridentity.type = 'IAMUser'
GROUP BY 1
ORDER BY 1
*/
