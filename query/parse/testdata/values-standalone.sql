VALUES (1, 'ConsoleLogin'), (2, 'AssumeRole')
