-- IPv4 source addresses by range, from split_part + TRY_CAST (hostnames and IPv6 fall out as NULL)
SELECT CASE WHEN try_cast(split_part(sourceipaddress, '.', 1) AS INTEGER) BETWEEN 1 AND 126 THEN 'A'
            WHEN try_cast(split_part(sourceipaddress, '.', 1) AS INTEGER) BETWEEN 128 AND 191 THEN 'B'
            WHEN try_cast(split_part(sourceipaddress, '.', 1) AS INTEGER) BETWEEN 192 AND 223 THEN 'C'
            ELSE 'other' END AS class,
       count(*) AS n, count(DISTINCT sourceipaddress) AS ips
FROM cloudtrail_logs
GROUP BY 1
