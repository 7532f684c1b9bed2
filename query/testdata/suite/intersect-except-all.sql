-- INTERSECT ALL and EXCEPT ALL keep multiplicities: (service, error) pairs seen on day 1 and day 2
SELECT eventsource, errorcode FROM cloudtrail_logs WHERE date = '2026-01-01' AND errorcode IS NOT NULL AND account = '087463005387' AND region = 'us-east-1'
INTERSECT ALL
SELECT eventsource, errorcode FROM cloudtrail_logs WHERE date = '2026-01-02' AND errorcode IS NOT NULL AND account = '087463005387' AND region = 'us-east-1'
