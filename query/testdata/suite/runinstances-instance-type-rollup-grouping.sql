-- EC2 launches by account and instance type with subtotals (ROLLUP, grouping()), the image ids used, launches that failed
SELECT CASE WHEN grouping(account) = 1 THEN 'ALL' ELSE account END AS account,
       CASE WHEN grouping(json_extract_scalar(requestparameters, '$.instanceType')) = 1 THEN 'ALL'
            ELSE json_extract_scalar(requestparameters, '$.instanceType') END AS instance_type,
       count(*) AS launches,
       count(DISTINCT json_extract_scalar(requestparameters, '$.instancesSet.items[0].imageId')) AS images,
       count_if(errorcode IS NOT NULL) AS failed
FROM cloudtrail_logs
WHERE eventname = 'RunInstances'
GROUP BY ROLLUP (account, json_extract_scalar(requestparameters, '$.instanceType'))
ORDER BY 1, 2
