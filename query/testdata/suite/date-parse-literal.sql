-- date_parse of literal strings
SELECT date_parse('2026-01-02 10:11:12', '%Y-%m-%d %H:%i:%s') AS a, date_parse('2026/01/02', '%Y/%m/%d') AS b
