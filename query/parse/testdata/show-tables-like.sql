SHOW TABLES FROM security_lake LIKE 'cloud%'
