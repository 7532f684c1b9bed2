-- a VALUES watchlist joined to the events: activity from listed IP addresses
SELECT w.label, e.sourceipaddress, count(*) AS n, min(e.eventtime) AS first_seen, max(e.eventtime) AS last_seen
FROM cloudtrail_logs AS e
JOIN (VALUES ('198.51.100.7', 'scanner'), ('203.0.113.9', 'tor exit'), ('52.218.173.104', 'reported'), ('192.0.2.1', 'unused'))
  AS w(ip, label) ON e.sourceipaddress = w.ip
GROUP BY 1, 2
