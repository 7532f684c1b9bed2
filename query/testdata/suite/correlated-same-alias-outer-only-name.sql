-- outer and inner both alias their table t: inside, t is the inner table, so the correlation goes through the outer-only column arn_key
SELECT t.arn_key, t.n,
  (SELECT count(*) FROM cloudtrail_logs AS t WHERE t.useridentity.arn = arn_key AND t.errorcode IS NOT NULL) AS errors
FROM (SELECT useridentity.arn AS arn_key, count(*) AS n
      FROM cloudtrail_logs WHERE useridentity.type = 'IAMUser' AND account = '087463005387' GROUP BY 1) AS t
ORDER BY t.arn_key
