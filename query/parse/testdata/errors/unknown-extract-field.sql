SELECT extract(fortnight FROM eventtime) FROM t
