-- Lambda invocations per function (last ARN field via element_at(split(...), -1)) and its share of the account's invocations (sum over a window)
SELECT account, element_at(split(json_extract_scalar(requestparameters, '$.functionName'), ':'), -1) AS fn,
       count(*) AS invokes,
       round(100e0 * count(*) / sum(count(*)) OVER (PARTITION BY account), 3) AS pct,
       count(DISTINCT coalesce(useridentity.invokedby, useridentity.arn)) AS callers
FROM cloudtrail_logs
WHERE eventname = 'Invoke'
GROUP BY 1, 2
ORDER BY account, invokes DESC, fn
/* duckdb:
SELECT account, element_at(string_split(json_extract_scalar(requestparameters, '$.functionName'), ':'), -1) AS fn,
       count(*) AS invokes,
       round(100e0 * count(*) / sum(count(*)) OVER (PARTITION BY account), 3) AS pct,
       count(DISTINCT coalesce(useridentity.invokedby, useridentity.arn)) AS callers
FROM cloudtrail_logs
WHERE eventname = 'Invoke'
GROUP BY 1, 2
ORDER BY account, invokes DESC, fn
*/
