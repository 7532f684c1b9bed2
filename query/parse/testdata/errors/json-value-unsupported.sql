SELECT json_value(requestparameters, 'lax $.a' DEFAULT 'x' ON EMPTY) FROM t
