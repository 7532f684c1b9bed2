SELECT U&'caf\00E9' AS cafe, U&'x#0041' UESCAPE '#' AS xa, X'DEADBEEF' AS bytes, 'it''s' AS escaped
