-- contains(CIDR, IPADDRESS): calls from inside given networks; try_cast skips service names and "AWS Internal"
SELECT CASE WHEN contains('203.0.0.0/8', try_cast(sourceipaddress AS IPADDRESS)) THEN '203.0.0.0/8'
            WHEN contains('2600:1f18::/32', try_cast(sourceipaddress AS IPADDRESS)) THEN '2600:1f18::/32' END AS network,
       count(*) AS n, count(DISTINCT sourceipaddress) AS addresses
FROM cloudtrail_logs
WHERE contains('203.0.0.0/8', try_cast(sourceipaddress AS IPADDRESS))
   OR contains('2600:1f18::/32', try_cast(sourceipaddress AS IPADDRESS))
GROUP BY 1
/* duckdb:
SELECT CASE WHEN sourceipaddress LIKE '203.%' THEN '203.0.0.0/8'
            WHEN lower(sourceipaddress) LIKE '2600:1f18:%' THEN '2600:1f18::/32' END AS network,
       count(*) AS n, count(DISTINCT sourceipaddress) AS addresses
FROM cloudtrail_logs
WHERE regexp_matches(sourceipaddress, '^203\.[0-9]+\.[0-9]+\.[0-9]+$') OR lower(sourceipaddress) LIKE '2600:1f18:%'
GROUP BY 1
*/
