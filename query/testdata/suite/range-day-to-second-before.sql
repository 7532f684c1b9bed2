-- RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND INTERVAL '1' SECOND PRECEDING: a principal's first call from an IP in 24 hours (no earlier call from it in the window)
SELECT arn, ip, count(*) AS fresh_calls
FROM (
  SELECT useridentity.arn AS arn, sourceipaddress AS ip,
    count(*) OVER (PARTITION BY useridentity.arn, sourceipaddress ORDER BY eventtime
                   RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND INTERVAL '1' SECOND PRECEDING) AS earlier
  FROM cloudtrail_logs
  WHERE useridentity.type = 'IAMUser' AND account = '252456891452'
) AS t
WHERE earlier = 0
GROUP BY 1, 2
