-- count(DISTINCT x) skips NULL but SELECT DISTINCT keeps one NULL row: the two counts differ by whether NULL occurs
SELECT (SELECT count(DISTINCT errorcode) FROM cloudtrail_logs) AS count_distinct,
       (SELECT count(*) FROM (SELECT DISTINCT errorcode FROM cloudtrail_logs) AS d) AS distinct_rows,
       (SELECT count(*) FROM (SELECT errorcode FROM cloudtrail_logs GROUP BY errorcode) AS g) AS groups,
       (SELECT count(DISTINCT nullif(errorcode, '')) FROM cloudtrail_logs) AS without_empty
