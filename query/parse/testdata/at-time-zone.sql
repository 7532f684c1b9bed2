SELECT eventtime AT TIME ZONE 'America/New_York' AS local_time,
       date_trunc('day', eventtime AT TIME ZONE 'Europe/Berlin') AS berlin_day,
       from_iso8601_timestamp(eventtime) AT TIME ZONE INTERVAL '-08:00' HOUR TO MINUTE AS pst
FROM cloudtrail_logs
