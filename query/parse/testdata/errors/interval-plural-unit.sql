SELECT * FROM t WHERE eventtime > now() - interval '7' days
