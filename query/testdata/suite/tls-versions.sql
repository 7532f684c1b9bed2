-- TLS versions and cipher suites in use
SELECT tlsdetails.tlsversion AS tls, tlsdetails.ciphersuite AS cipher, count(*) AS n
FROM cloudtrail_logs
GROUP BY 1, 2
