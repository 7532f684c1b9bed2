SELECT extract(hour FROM eventtime) AS h, EXTRACT(DOW FROM eventtime) AS dow, extract(year from eventtime) AS y,
       count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2, 3
