SELECT rank() OVER w FROM t
