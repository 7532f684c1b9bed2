-- INTERSECT ALL with NULL rows: the smaller multiplicity of each row, NULLs matching NULLs; over the lake, error codes (mostly NULL) seen on both days per service
SELECT eventsource, errorcode, count(*) AS common
FROM (
  SELECT eventsource, errorcode FROM cloudtrail_logs WHERE date = '2026-01-01' AND account = '252456891452' AND eventsource IN ('iam.amazonaws.com', 'signin.amazonaws.com')
  INTERSECT ALL
  SELECT eventsource, errorcode FROM cloudtrail_logs WHERE date = '2026-01-02' AND account = '252456891452' AND eventsource IN ('iam.amazonaws.com', 'signin.amazonaws.com')
) AS t
GROUP BY 1, 2
UNION ALL
SELECT 'values', v, count(*)
FROM (
  SELECT v FROM (VALUES 'x', 'x', NULL, NULL, NULL, 'y') AS a(v)
  INTERSECT ALL
  SELECT v FROM (VALUES 'x', NULL, NULL, 'z') AS b(v)
) AS u
GROUP BY 1, 2
/* duckdb:
SELECT eventsource, errorcode, count(*) AS common
FROM (
  SELECT eventsource, errorcode FROM cloudtrail_logs WHERE date = '2026-01-01' AND account = '252456891452' AND eventsource IN ('iam.amazonaws.com', 'signin.amazonaws.com')
  INTERSECT ALL
  SELECT eventsource, errorcode FROM cloudtrail_logs WHERE date = '2026-01-02' AND account = '252456891452' AND eventsource IN ('iam.amazonaws.com', 'signin.amazonaws.com')
) AS t
GROUP BY 1, 2
UNION ALL
SELECT 'values', v, count(*)
FROM (
  SELECT v FROM (VALUES ('x'), ('x'), (NULL), (NULL), (NULL), ('y')) AS a(v)
  INTERSECT ALL
  SELECT v FROM (VALUES ('x'), (NULL), (NULL), ('z')) AS b(v)
) AS u
GROUP BY 1, 2
*/
