-- approx_percentile: median and 95th percentile of bytes read out of and written to S3 (exfiltration baselines)
-- approx: p50, p95
SELECT eventname, count(*) AS n,
       approx_percentile(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS bigint), 0.5) AS p50,
       approx_percentile(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS bigint), 0.95) AS p95
FROM cloudtrail_logs
WHERE eventname IN ('GetObject', 'PutObject')
GROUP BY eventname
/* duckdb:
SELECT eventname, count(*) AS n,
       quantile_disc(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS bigint), 0.5) AS p50,
       quantile_disc(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS bigint), 0.95) AS p95
FROM cloudtrail_logs
WHERE eventname IN ('GetObject', 'PutObject')
GROUP BY eventname
*/
