SELECT * FROM t WHERE table = 'users'
