-- max_by(x, y, n) over real rows: the latest three edge events per account (the one with no eventtime skipped), and the latest two error codes, NULLs kept
SELECT account, max_by(eventid, eventtime, 3) AS latest3, min_by(eventname, eventtime, 2) AS first2,
  max_by(errorcode, eventtime, 2) AS latest_codes, count(*) AS n
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
GROUP BY account
/* duckdb:
SELECT account,
  list_transform(list_sort(list(struct_pack(t := eventtime, v := eventid)) FILTER (WHERE eventtime IS NOT NULL), 'DESC')[1:3], s -> s.v) AS latest3,
  list_transform(list_sort(list(struct_pack(t := eventtime, v := eventname)) FILTER (WHERE eventtime IS NOT NULL), 'ASC')[1:2], s -> s.v) AS first2,
  list_transform(list_sort(list(struct_pack(t := eventtime, v := errorcode)) FILTER (WHERE eventtime IS NOT NULL), 'DESC')[1:2], s -> s.v) AS latest_codes,
  count(*) AS n
FROM cloudtrail_logs
WHERE eventid LIKE 'edge-%'
GROUP BY account
*/
