SELECT CAST(x varchar) FROM t
