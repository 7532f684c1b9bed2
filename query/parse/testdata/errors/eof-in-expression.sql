SELECT (a + 
