-- ISO week fields at year boundaries (2024-12-30 is week 1 of 2025; 2027-01-01 is week 53 of 2026)
SELECT week(DATE '2024-12-30') AS w1, year_of_week(DATE '2024-12-30') AS y1,
       week(DATE '2027-01-01') AS w2, year_of_week(DATE '2027-01-01') AS y2,
       day_of_week(DATE '2026-01-04') AS sunday, extract(WEEK FROM TIMESTAMP '2026-01-02 10:00:00') AS w3,
       extract(QUARTER FROM DATE '2026-11-30') AS q
/* duckdb:
SELECT weekofyear(DATE '2024-12-30') AS w1, isoyear(DATE '2024-12-30') AS y1,
       weekofyear(DATE '2027-01-01') AS w2, isoyear(DATE '2027-01-01') AS y2,
       isodow(DATE '2026-01-04') AS sunday, weekofyear(TIMESTAMP '2026-01-02 10:00:00') AS w3,
       quarter(DATE '2026-11-30') AS q
*/
