/* Weekly report
   of noisy principals */
SELECT useridentity_arn, -- who
       count(*) AS n /* how many */
FROM cloudtrail_logs -- the main table
-- WHERE date = '2026-01-01'
GROUP BY 1 /* by principal */
ORDER BY n DESC -- noisiest first
