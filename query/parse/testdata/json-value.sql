SELECT json_value(requestparameters FORMAT JSON, 'lax $.a' RETURNING varchar NULL ON EMPTY NULL ON ERROR) FROM t
