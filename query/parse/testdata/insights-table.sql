SELECT eventtime, json_extract_scalar(insightdetails, '$.insightType') AS insight_type,
       json_extract_scalar(insightdetails, '$.state') AS state,
       json_extract_scalar(insightdetails, '$.eventName') AS api
FROM insights
WHERE json_extract_scalar(insightdetails, '$.state') = 'Start'
