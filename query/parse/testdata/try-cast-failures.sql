SELECT requestid FROM cloudtrail_logs WHERE try_cast(json_extract_scalar(requestparameters, '$.maxResults') AS integer) > 1000
