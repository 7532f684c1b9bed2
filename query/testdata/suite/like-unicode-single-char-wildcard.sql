-- LIKE's _ matches one code point, also a multi-byte one; LIKE is case sensitive
SELECT count_if(useragent LIKE 'na_ve%') AS one_char, count_if(useragent LIKE '%1.0 _') AS check_mark,
       count_if(useragent LIKE 'NA_VE%') AS upper_case, count_if(lower(useragent) LIKE 'na%') AS lowered,
       count_if(useragent LIKE '%') AS non_null, count_if(useragent LIKE '') AS empty
FROM cloudtrail_logs
WHERE account = '123456789012'
