SELECT DISTINCT sourceipaddress
FROM cloudtrail_logs
WHERE NOT regexp_like(sourceipaddress, '^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.)')
  AND sourceipaddress NOT LIKE '%.amazonaws.com'
  AND sourceipaddress <> 'AWS Internal'
