-- url_extract_host on additionalEventData.LoginTo: which console host each sign-in went to
SELECT url_extract_host(json_extract_scalar(additionaleventdata, '$.LoginTo')) AS host,
       json_extract_scalar(responseelements, '$.ConsoleLogin') AS result, count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1, 2
/* duckdb:
SELECT regexp_extract(json_extract_scalar(additionaleventdata, '$.LoginTo'), '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1) AS host,
       json_extract_scalar(responseelements, '$.ConsoleLogin') AS result, count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1, 2
*/
