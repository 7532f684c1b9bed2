SELECT interval '7' FROM t
