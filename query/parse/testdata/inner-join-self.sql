SELECT a.useridentity_accesskeyid, a.sourceipaddress AS ip1, b.sourceipaddress AS ip2
FROM cloudtrail_logs a
INNER JOIN cloudtrail_logs b
  ON a.useridentity_accesskeyid = b.useridentity_accesskeyid
 AND a.sourceipaddress < b.sourceipaddress
 AND abs(date_diff('minute', a.eventtime, b.eventtime)) < 5
