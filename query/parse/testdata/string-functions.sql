SELECT lower(eventname) || '@' || upper(eventsource) AS k,
       replace(useridentity_arn, 'arn:aws:iam::', '') AS short,
       concat(account, '/', region) AS loc,
       length(errormessage) AS len,
       split_part(eventsource, '.', 1) AS service,
       lpad(CAST(hour(eventtime) AS varchar), 2, '0') AS hh
FROM cloudtrail_logs
