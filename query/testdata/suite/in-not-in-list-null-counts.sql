-- NOT IN a list holding NULL keeps nothing; IN a list holding NULL keeps the matches; on a nullable column
SELECT count_if(errorcode IN ('AccessDenied', NULL)) AS in_n, count_if(errorcode NOT IN ('AccessDenied', NULL)) AS not_in_n,
       count_if((errorcode IN ('AccessDenied', NULL)) IS NULL) AS in_null, count_if(NOT (errorcode IN ('AccessDenied')) ) AS not_in_plain,
       count(*) AS n
FROM cloudtrail_logs
