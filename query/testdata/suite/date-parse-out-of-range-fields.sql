-- date_parse of out-of-range fields is an error in Trino (Joda checks each field), so try() gives NULL: month 13, February 30, January 32, hour 25, minute 61
SELECT try(date_parse('2026-13-01', '%Y-%m-%d')) AS month13,
  try(date_parse('2026-02-30', '%Y-%m-%d')) AS feb30,
  try(date_parse('2026-01-32', '%Y-%m-%d')) AS jan32,
  try(date_parse('2026-01-02 25:00', '%Y-%m-%d %H:%i')) AS hour25,
  try(date_parse('2026-01-02 10:61:00', '%Y-%m-%d %H:%i:%s')) AS minute61,
  try(date_parse('2026-01-02', '%Y-%m-%d')) AS valid
/* duckdb:
SELECT CAST(NULL AS TIMESTAMP) AS month13, CAST(NULL AS TIMESTAMP) AS feb30, CAST(NULL AS TIMESTAMP) AS jan32,
  CAST(NULL AS TIMESTAMP) AS hour25, CAST(NULL AS TIMESTAMP) AS minute61, TIMESTAMP '2026-01-02 00:00:00' AS valid
*/
