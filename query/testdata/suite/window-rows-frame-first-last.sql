-- first_value/last_value over a 3-row sliding frame, and nth_value over the whole partition
SELECT eventid, eventtime,
       first_value(eventname) OVER (ORDER BY eventtime, eventid ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS two_back,
       last_value(eventname) OVER (ORDER BY eventtime, eventid ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS one_ahead,
       nth_value(eventname, 3) OVER (ORDER BY eventtime, eventid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS third,
       nth_value(eventname, 3) OVER (ORDER BY eventtime, eventid) AS third_so_far
FROM cloudtrail_logs
WHERE account = '087463005387' AND date = '2026-01-02' AND region = 'eu-west-1' AND eventsource = 'iam.amazonaws.com'
ORDER BY eventtime, eventid
