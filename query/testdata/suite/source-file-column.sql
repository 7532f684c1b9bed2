-- _source names the object a row came from
SELECT count(*) AS n, count(DISTINCT _source) AS objects
FROM cloudtrail_logs
WHERE _source LIKE '%edgeevents%'
