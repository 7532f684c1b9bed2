-- sample statistics of a one-row group are NULL, population ones 0; groups of only NULL give NULL for both
SELECT eventsource, count(*) AS n, stddev_samp(length(errorcode)) AS sd_samp, stddev_pop(length(errorcode)) AS sd_pop,
       var_samp(length(errorcode)) AS v_samp, var_pop(length(errorcode)) AS v_pop, variance(length(errormessage)) AS v_msg
FROM cloudtrail_logs
WHERE account = '123456789012' OR account IS NULL
GROUP BY eventsource
ORDER BY eventsource
