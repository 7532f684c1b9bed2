SELECT tlsdetails_tlsversion, count(*) AS n,
       array_agg(DISTINCT tlsdetails_clientprovidedhostheader) FILTER (WHERE tlsdetails_tlsversion = 'TLSv1') AS legacy_hosts
FROM cloudtrail_logs
GROUP BY tlsdetails_tlsversion
