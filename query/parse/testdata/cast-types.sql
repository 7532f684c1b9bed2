SELECT CAST(eventtime AS varchar), CAST('42' AS bigint), CAST(x AS integer), CAST(x AS int), CAST(x AS smallint),
       CAST(x AS tinyint), CAST(x AS double), CAST(x AS real), CAST(x AS decimal(10, 2)), CAST(x AS boolean),
       CAST(x AS date), CAST(x AS timestamp), CAST(x AS timestamp(3)), CAST(x AS timestamp with time zone),
       CAST(x AS varchar(64)), CAST(x AS json)
FROM t
