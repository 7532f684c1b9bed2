-- date_parse %y: Trino reads two-digit years in 1970..2069 (PIVOT_YEAR 2020), so '95' is 1995 and '69' is 2069
SELECT date_parse('95-01-02', '%y-%m-%d') AS nineties, date_parse('70-06-30', '%y-%m-%d') AS seventy,
       date_parse('69-12-31', '%y-%m-%d') AS sixty_nine, date_parse('26-01-02', '%y-%m-%d') AS now_ish
/* duckdb:
SELECT TIMESTAMP '1995-01-02 00:00:00' AS nineties, TIMESTAMP '1970-06-30 00:00:00' AS seventy,
       TIMESTAMP '2069-12-31 00:00:00' AS sixty_nine, TIMESTAMP '2026-01-02 00:00:00' AS now_ish
*/
