-- LEFT JOIN with the right side's filter in ON versus WHERE, on a key with NULLs (errorcode)
SELECT a.eventsource, a.errorcode, count(*) AS n, count(b.code) AS matched
FROM (SELECT eventsource, errorcode FROM cloudtrail_logs WHERE date = '2026-01-02' OR account = '123456789012') AS a
LEFT JOIN (VALUES ('AccessDenied', 'deny'), (NULL, 'none'), ('', 'empty')) AS b(code, label)
  ON a.errorcode = b.code AND b.label <> 'empty'
WHERE b.label IS NULL OR b.label = 'deny'
GROUP BY a.eventsource, a.errorcode
