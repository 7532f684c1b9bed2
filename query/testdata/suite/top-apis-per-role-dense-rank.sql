-- the three most-called APIs of each assumed role (sessioncontext.sessionissuer.username), with rank and dense_rank over the counts
WITH per_role AS (
  SELECT useridentity.sessioncontext.sessionissuer.username AS role, eventsource, eventname, count(*) AS calls
  FROM cloudtrail_logs
  WHERE useridentity.type = 'AssumedRole'
  GROUP BY 1, 2, 3
), ranked AS (
  SELECT role, eventsource, eventname, calls,
         dense_rank() OVER (PARTITION BY role ORDER BY calls DESC) AS dr,
         rank() OVER (PARTITION BY role ORDER BY calls DESC) AS rk
  FROM per_role
)
SELECT role, dr, rk, eventsource, eventname, calls
FROM ranked
WHERE dr <= 3
ORDER BY role, dr, eventsource, eventname
