-- a CTE used twice (joined to itself) and a later CTE built on two earlier ones
WITH daily AS (
  SELECT account, date, count(*) AS n FROM cloudtrail_logs WHERE account IS NOT NULL AND date IS NOT NULL GROUP BY 1, 2
), growth AS (
  SELECT cur.account, cur.date, cur.n, cur.n - prev.n AS change
  FROM daily AS cur JOIN daily AS prev ON cur.account = prev.account AND CAST(cur.date AS DATE) = CAST(prev.date AS DATE) + INTERVAL '1' DAY
), peaks AS (
  SELECT account, max(n) AS peak FROM daily GROUP BY account
)
SELECT g.account, g.date, g.n, g.change, p.peak, g.n = p.peak AS is_peak
FROM growth AS g JOIN peaks AS p ON g.account = p.account
ORDER BY g.account, g.date
