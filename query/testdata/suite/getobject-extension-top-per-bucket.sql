-- the two most downloaded file types per bucket (regexp_extract of the key's extension, row_number over counts, ties by extension)
WITH ext AS (
  SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
         coalesce(regexp_extract(json_extract_scalar(requestparameters, '$.key'), '\.([a-z0-9]+(\.gz)?)$', 1), '(none)') AS extension,
         count(*) AS downloads,
         sum(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS bigint)) AS bytes_out
  FROM cloudtrail_logs
  WHERE eventname = 'GetObject'
  GROUP BY 1, 2
)
SELECT bucket, extension, downloads, bytes_out
FROM (SELECT ext.*, row_number() OVER (PARTITION BY bucket ORDER BY downloads DESC, extension) AS rn FROM ext) AS r
WHERE rn <= 2
ORDER BY bucket, rn
