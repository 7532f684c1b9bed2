-- ROLLUP with HAVING on an aggregate or on grouping(), ordered by grouping() that is not in the select list: error codes per service, small groups dropped but subtotals kept
SELECT eventsource, errorcode, count(*) AS n
FROM cloudtrail_logs
WHERE errorcode IS NOT NULL AND errorcode <> ''
GROUP BY ROLLUP (eventsource, errorcode)
HAVING count(*) >= 100 OR grouping(errorcode) = 1
ORDER BY grouping(eventsource, errorcode) DESC, n DESC, eventsource, errorcode
