-- RIGHT JOIN ... USING: the unqualified key is the right side's, so regions only on the right still show their name (Trino resolves USING keys unqualified only)
SELECT region, a.n AS eu_or_us_east, b.n AS all_regions, a.n IS NULL AS right_only
FROM (SELECT region, count(*) AS n FROM cloudtrail_logs WHERE region IN ('eu-west-1', 'us-east-1') AND account = '252456891452' GROUP BY 1) AS a
RIGHT JOIN (SELECT region, count(*) AS n FROM cloudtrail_logs WHERE account = '252456891452' GROUP BY 1) AS b USING (region)
ORDER BY region
