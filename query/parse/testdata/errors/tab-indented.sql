SELECT
	eventname,
	count(*) FORM t
