-- eventtype, eventcategory and managementevent together
SELECT eventtype, eventcategory, managementevent, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2, 3
