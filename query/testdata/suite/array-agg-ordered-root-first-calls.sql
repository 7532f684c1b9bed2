-- each day's first five root calls per account, in order (slice of array_agg ORDER BY), and the IPs as one string (array_join)
SELECT account, date,
       slice(array_agg(eventname ORDER BY eventtime, eventid), 1, 5) AS first_calls,
       array_join(array_agg(DISTINCT sourceipaddress ORDER BY sourceipaddress), ', ') AS ips,
       count(*) AS calls
FROM cloudtrail_logs
WHERE useridentity.type = 'Root'
GROUP BY account, date
ORDER BY account, date
/* duckdb:
SELECT account, date,
       array_slice(array_agg(eventname ORDER BY eventtime, eventid), 1, 5) AS first_calls,
       array_to_string(array_agg(DISTINCT sourceipaddress ORDER BY sourceipaddress), ', ') AS ips,
       count(*) AS calls
FROM cloudtrail_logs
WHERE useridentity.type = 'Root'
GROUP BY account, date
ORDER BY account, date
*/
