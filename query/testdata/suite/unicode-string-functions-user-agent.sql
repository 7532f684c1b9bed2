-- string functions count code points, not bytes, on a user agent with ï and ✓: length, upper, reverse, strpos, negative substr, lpad/rpad truncation and padding
SELECT useragent, length(useragent) AS len, upper(useragent) AS up, lower(upper(useragent)) AS round_trip, reverse(useragent) AS rev,
       strpos(useragent, '✓') AS pos, strpos(useragent, 'ï') AS pos_i, substr(useragent, -3) AS tail, substr(useragent, 3, 3) AS mid,
       lpad(useragent, 8, '·') AS lp_cut, lpad(substr(useragent, 1, 5), 9, '·✓') AS lp_pad, rpad(useragent, 20, 'ab') AS rp,
       position('é' IN lower('NAÏVE-É')) AS p2, length('') AS empty_len
FROM cloudtrail_logs
WHERE eventid = 'edge-0002'
