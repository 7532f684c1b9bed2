-- LISTAGG over no rows is NULL beside count 0, also with FILTER over rows that exist
SELECT listagg(eventname, ',') WITHIN GROUP (ORDER BY eventname) AS none_list, count(*) AS n,
  (SELECT listagg(eventname, ',') WITHIN GROUP (ORDER BY eventname) FILTER (WHERE eventname = 'NoSuchApi') FROM cloudtrail_logs WHERE account = '123456789012') AS filtered_out
FROM cloudtrail_logs
WHERE eventname = 'NoSuchApi'
/* duckdb:
SELECT string_agg(eventname, ',' ORDER BY eventname) AS none_list, count(*) AS n,
  (SELECT string_agg(eventname, ',' ORDER BY eventname) FILTER (WHERE eventname = 'NoSuchApi') FROM cloudtrail_logs WHERE account = '123456789012') AS filtered_out
FROM cloudtrail_logs
WHERE eventname = 'NoSuchApi'
*/
