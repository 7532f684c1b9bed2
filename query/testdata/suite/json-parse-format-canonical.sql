-- json_format(json_parse(...)): Trino's JSON type sorts object keys and drops whitespace
SELECT json_format(json_parse('{"b": 1, "a": [2, {"d": true, "c": null}]}')) AS sorted,
       json_format(json_parse('[3, 1, 2]')) AS arr,
       json_format(json_extract(requestparameters, '$.tags[0]')) AS tag
FROM cloudtrail_logs
WHERE eventid = 'edge-0002'
/* duckdb:
SELECT '{"a":[2,{"c":null,"d":true}],"b":1}' AS sorted, '[3,1,2]' AS arr, '{"key":"team","value":"sec"}' AS tag
*/
