SELECT trim(useragent) AS ua, trim(BOTH '"' FROM useragent) AS unquoted, TRIM(LEADING FROM useragent) AS lead,
       trim(trailing 'x' from useragent) AS trail, trim(useragent, ' ') AS comma_form,
       substring(useridentity_arn FROM 14 FOR 12) AS acct, substr(useridentity_arn, 14, 12) AS acct2,
       position(':' IN useridentity_arn) AS colon, strpos(useridentity_arn, '/') AS slash
FROM cloudtrail_logs
