-- AT TIME ZONE keeps the instant: the value itself, its unixtime and its ISO text with the offset, the local midnight as a time in that zone, and equality across zones
SELECT eventid,
       eventtime AT TIME ZONE 'Asia/Tokyo' AS tokyo,
       to_unixtime(eventtime AT TIME ZONE 'Asia/Tokyo') AS ux,
       to_iso8601(eventtime AT TIME ZONE 'Asia/Tokyo') AS tokyo_iso,
       date_trunc('day', eventtime AT TIME ZONE 'Asia/Tokyo') AS tokyo_midnight,
       (eventtime AT TIME ZONE 'Asia/Tokyo') = (eventtime AT TIME ZONE 'America/New_York') AS same_instant,
       (eventtime AT TIME ZONE 'Asia/Tokyo') < TIMESTAMP '2026-01-02 00:00:00' AS before_jan2_utc
FROM cloudtrail_logs
WHERE account = '252456891452' AND eventtime IS NOT NULL
ORDER BY eventtime, eventid
LIMIT 60
/* duckdb:
SELECT eventid,
       eventtime AS tokyo,
       epoch(eventtime) AS ux,
       strftime(timezone('Asia/Tokyo', eventtime), '%Y-%m-%dT%H:%M:%S.%g') || '+09:00' AS tokyo_iso,
       timezone('Asia/Tokyo', date_trunc('day', timezone('Asia/Tokyo', eventtime))) AS tokyo_midnight,
       true AS same_instant,
       eventtime < TIMESTAMPTZ '2026-01-02 00:00:00+00' AS before_jan2_utc
FROM cloudtrail_logs
WHERE account = '252456891452' AND eventtime IS NOT NULL
ORDER BY eventtime, eventid
LIMIT 60
*/
