SELECT CAST(json_parse(requestparameters) AS map(varchar, json)) AS params,
       CAST(json_extract(responseelements, '$.items') AS array(varchar)) AS items,
       TRY_CAST(json_parse(additionaleventdata) AS row(mfaused varchar, mobileversion varchar)) AS extra,
       CAST(x AS array<varchar>) AS legacy_array,
       CAST(x AS map<varchar, array<bigint>>) AS legacy_map,
       CAST(x AS double precision) AS dp,
       CAST(x AS time(3) with time zone) AS t3
FROM cloudtrail_logs
