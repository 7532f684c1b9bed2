SELECT * FROM cloudtrail_logs
WHERE eventsource = 'guardduty.amazonaws.com' AND eventname IN ('DeleteDetector', 'DisassociateFromMasterAccount', 'StopMonitoringMembers')
