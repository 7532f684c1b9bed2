-- power, sqrt, exp, ln, log2, log10 over call counts (log-scale buckets)
SELECT eventsource, count(*) AS n, floor(log10(count(*))) AS magnitude, floor(log2(count(*))) AS bits,
       round(ln(count(*)), 6) AS lnn, round(sqrt(count(*)), 6) AS root,
       power(2, floor(log2(count(*)))) AS pow2, round(exp(1), 9) AS e1, pow(10, 2) AS hundred
FROM cloudtrail_logs
GROUP BY eventsource
