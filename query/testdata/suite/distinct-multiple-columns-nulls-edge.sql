-- SELECT DISTINCT over several columns counts NULL as one value per column: the distinct (type, errorcode, readonly) triples of the edge account
SELECT DISTINCT useridentity.type AS type, errorcode, readonly
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
ORDER BY type, errorcode, readonly
