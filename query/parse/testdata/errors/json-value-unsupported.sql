SELECT json_value(requestparameters, 'lax $.a' ERROR ON ERROR) FROM t
