-- a cast that fails on other rows of the same file must not fail when a WHERE on another column removes them
SELECT eventid, CAST(useridentity.principalid AS bigint) AS root_id
FROM cloudtrail_logs
WHERE useridentity.type = 'Root' AND account = '123456789012'
