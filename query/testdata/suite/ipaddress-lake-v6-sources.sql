-- IPv6 source addresses in the lake through IPADDRESS: canonical text equals the stored text, and the /32 and /48 networks they fall in
SELECT contains('2600:1f18::/32', CAST(sourceipaddress AS IPADDRESS)) AS in_aws_v6,
  contains('2001:db8::/32', CAST(sourceipaddress AS IPADDRESS)) AS in_doc_net,
  count(*) AS n, count(DISTINCT sourceipaddress) AS addresses,
  count_if(CAST(CAST(sourceipaddress AS IPADDRESS) AS VARCHAR) <> lower(sourceipaddress)) AS rewritten
FROM cloudtrail_logs
WHERE sourceipaddress LIKE '%:%'
GROUP BY 1, 2
/* duckdb:
SELECT lower(sourceipaddress) LIKE '2600:1f18:%' AS in_aws_v6, lower(sourceipaddress) LIKE '2001:db8:%' AS in_doc_net,
  count(*) AS n, count(DISTINCT sourceipaddress) AS addresses, CAST(0 AS BIGINT) AS rewritten
FROM cloudtrail_logs
WHERE sourceipaddress LIKE '%:%'
GROUP BY 1, 2
*/
