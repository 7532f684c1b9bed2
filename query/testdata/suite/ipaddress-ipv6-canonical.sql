-- CAST(... AS IPADDRESS) to canonical text: IPv6 compressed and lower-cased, IPv4-mapped shown as IPv4, bad text NULL under try_cast; contains() on IPv6 networks
SELECT CAST(CAST('2001:DB8:0:0:0:0:0:1' AS IPADDRESS) AS VARCHAR) AS v6,
  CAST(CAST('2001:0db8:0000:0000:0001:0000:0000:0001' AS IPADDRESS) AS VARCHAR) AS longest_zero_run,
  CAST(CAST('::ffff:192.0.2.1' AS IPADDRESS) AS VARCHAR) AS mapped,
  CAST(CAST('0:0:0:0:0:0:0:1' AS IPADDRESS) AS VARCHAR) AS loopback,
  try_cast('2001:db8::1::2' AS IPADDRESS) IS NULL AS two_double_colons,
  try_cast('192.168.1.256' AS IPADDRESS) IS NULL AS octet_too_big,
  try_cast('AWS Internal' AS IPADDRESS) IS NULL AS service_name,
  contains('2001:db8::/32', CAST('2001:db8:ffff::1' AS IPADDRESS)) AS in_v6_net,
  contains('2001:db8::/32', CAST('2001:db9::1' AS IPADDRESS)) AS outside_v6_net,
  contains('192.0.2.0/24', CAST('::ffff:192.0.2.77' AS IPADDRESS)) AS mapped_in_v4_net
/* duckdb:
SELECT '2001:db8::1' AS v6, '2001:db8::1:0:0:1' AS longest_zero_run, '192.0.2.1' AS mapped, '::1' AS loopback,
  true AS two_double_colons, true AS octet_too_big, true AS service_name,
  true AS in_v6_net, false AS outside_v6_net, true AS mapped_in_v4_net
*/
