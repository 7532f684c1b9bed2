SELECT useridentity_arn,
       array_agg(DISTINCT eventname) AS events,
       array_agg(sourceipaddress ORDER BY eventtime DESC) AS ips,
       array_join(array_agg(DISTINCT region), ',') AS regions
FROM cloudtrail_logs
GROUP BY useridentity_arn
