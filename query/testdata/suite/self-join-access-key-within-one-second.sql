-- a self-join on a time window: pairs of calls by the same access key less than a second apart
SELECT a.useridentity.accesskeyid AS key, count(*) AS pairs, min(date_diff('millisecond', a.eventtime, b.eventtime)) AS min_gap_ms
FROM cloudtrail_logs AS a
JOIN cloudtrail_logs AS b
  ON a.useridentity.accesskeyid = b.useridentity.accesskeyid
 AND b.eventtime BETWEEN a.eventtime AND a.eventtime + INTERVAL '1' SECOND
 AND a.eventid < b.eventid
GROUP BY 1
ORDER BY pairs DESC, key
