-- a CASE repeated in GROUP BY: calls by kind of source address
SELECT CASE WHEN sourceipaddress LIKE '%.amazonaws.com' THEN 'aws-service'
            WHEN sourceipaddress = 'AWS Internal' THEN 'aws-internal'
            WHEN strpos(sourceipaddress, ':') > 0 THEN 'ipv6'
            WHEN regexp_like(sourceipaddress, '^[0-9]+(\.[0-9]+){3}$') THEN 'ipv4'
            ELSE 'other' END AS source_kind,
       count(*) AS n, count(DISTINCT sourceipaddress) AS addresses
FROM cloudtrail_logs
GROUP BY CASE WHEN sourceipaddress LIKE '%.amazonaws.com' THEN 'aws-service'
              WHEN sourceipaddress = 'AWS Internal' THEN 'aws-internal'
              WHEN strpos(sourceipaddress, ':') > 0 THEN 'ipv6'
              WHEN regexp_like(sourceipaddress, '^[0-9]+(\.[0-9]+){3}$') THEN 'ipv4'
              ELSE 'other' END
