-- GROUP BY CUBE: read and write volume per principal type, with every subtotal
SELECT useridentity.type AS principal_type, readonly, count(*) AS n
FROM cloudtrail_logs
GROUP BY CUBE (useridentity.type, readonly)
