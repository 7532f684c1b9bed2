-- clients still on TLS 1.2: per service host header (tlsdetails.*), the share of calls and the user agents seen, busiest first
SELECT tlsdetails.clientprovidedhostheader AS host,
       count_if(tlsdetails.tlsversion = 'TLSv1.2') AS tls12,
       count(*) AS calls,
       round(CAST(count_if(tlsdetails.tlsversion = 'TLSv1.2') AS double) / count(*), 4) AS share,
       count(DISTINCT useragent) FILTER (WHERE tlsdetails.tlsversion = 'TLSv1.2') AS agents
FROM cloudtrail_logs
WHERE tlsdetails.tlsversion IS NOT NULL
GROUP BY 1
ORDER BY tls12 DESC, host
