SELECT errorcode, count(*) FROM cloudtrail_logs GROUP BY errorcode ORDER BY 2 DESC NULLS LAST, 1 ASC NULLS FIRST
