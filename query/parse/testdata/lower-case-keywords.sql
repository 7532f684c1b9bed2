select eventname, count(*) as n from cloudtrail_logs where errorcode is not null and eventsource like '%iam%' group by eventname having count(*) > 1 order by n desc limit 5
