-- the hour each principal read the most bytes out of S3 (additionalEventData.bytesTransferredOut), ties to the earliest hour; top 20
WITH hourly AS (
  SELECT coalesce(useridentity.arn, useridentity.principalid, useridentity.type) AS who, date_trunc('hour', eventtime) AS hr,
         sum(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS bigint)) AS bytes_out,
         count(*) AS gets
  FROM cloudtrail_logs
  WHERE eventname = 'GetObject' AND errorcode IS NULL
  GROUP BY 1, 2
)
SELECT who, hr, bytes_out, gets, round(bytes_out / 1048576e0, 2) AS mib
FROM (SELECT *, row_number() OVER (PARTITION BY who ORDER BY bytes_out DESC, hr) AS rn FROM hourly) AS x
WHERE rn = 1
ORDER BY bytes_out DESC, who
LIMIT 20
