SELECT vpcendpointid, eventsource, count(*) FROM cloudtrail_logs
WHERE vpcendpointid IS NOT NULL
GROUP BY vpcendpointid, eventsource
