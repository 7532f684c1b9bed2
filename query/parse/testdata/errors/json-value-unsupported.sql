SELECT json_value(x, 'lax $.a') FROM t
