-- bitwise_and/or/xor/not, bit_count and shifts over small integers derived from the data
SELECT length(eventname) AS len, bitwise_and(length(eventname), 6) AS a, bitwise_or(length(eventname), 1) AS o,
       bitwise_xor(length(eventname), 5) AS x, bitwise_not(length(eventname)) AS nt, bit_count(length(eventname), 64) AS bits,
       bitwise_left_shift(length(eventname), 2) AS shl, bitwise_right_shift(length(eventname), 1) AS shr, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
/* duckdb:
SELECT length(eventname) AS len, length(eventname) & 6 AS a, length(eventname) | 1 AS o,
       xor(length(eventname), 5) AS x, ~length(eventname) AS nt, CAST(bit_count(length(eventname)) AS BIGINT) AS bits,
       length(eventname) << 2 AS shl, length(eventname) >> 1 AS shr, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1
*/
