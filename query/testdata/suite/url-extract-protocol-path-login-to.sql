-- console sign-ins by the protocol and path of additionalEventData.LoginTo (url_extract_protocol, url_extract_path) and MFA use
SELECT url_extract_protocol(json_extract_scalar(additionaleventdata, '$.LoginTo')) AS proto,
       url_extract_path(json_extract_scalar(additionaleventdata, '$.LoginTo')) AS path,
       json_extract_scalar(additionaleventdata, '$.MFAUsed') AS mfa, count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
/* duckdb:
SELECT regexp_extract(json_extract_scalar(additionaleventdata, '$.LoginTo'), '^([A-Za-z][A-Za-z0-9+.-]*)://', 1) AS proto,
       regexp_extract(json_extract_scalar(additionaleventdata, '$.LoginTo'), '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^?#]*)', 1) AS path,
       json_extract_scalar(additionaleventdata, '$.MFAUsed') AS mfa, count(*) AS n
FROM cloudtrail_logs
WHERE eventname = 'ConsoleLogin'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
*/
