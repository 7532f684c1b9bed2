SELECT count(* FROM cloudtrail_logs
