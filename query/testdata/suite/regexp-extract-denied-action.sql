-- regexp_extract with groups on errorMessage: which action was denied, and on what
SELECT regexp_extract(errormessage, 'perform: ([a-z0-9-]+:[A-Za-z]+)', 1) AS action,
       regexp_extract(errormessage, 'on resource: (\S+)', 1) AS resource, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode = 'AccessDenied'
GROUP BY 1, 2
