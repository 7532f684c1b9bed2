-- every row of the lake
SELECT count(*) AS n FROM cloudtrail_logs
