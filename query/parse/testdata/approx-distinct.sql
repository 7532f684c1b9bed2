SELECT eventsource, approx_distinct(sourceipaddress) AS ips, approx_percentile(length(requestparameters), 0.99) AS p99_len
FROM cloudtrail_logs
GROUP BY eventsource
