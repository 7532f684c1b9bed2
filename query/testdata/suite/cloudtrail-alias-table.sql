-- the table alias cloudtrail
SELECT count(*) AS n, count(DISTINCT eventid) AS ids FROM cloudtrail
