package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/query"
	"github.com/trailhouse/trailhouse/serve"
)

type serveFlags struct {
	lake          string
	listen        string
	httpListen    string
	tlsCert       string
	tlsKey        string
	authFile      string
	maxMemory     int64
	queryTimeout  time.Duration
	maxConcurrent int
	queueWait     time.Duration
	logFormat     string
	s3opt         objstore.S3Options
}

// tokensEnv holds bearer tokens, as an alternative to --auth-file.
const tokensEnv = "TRAILHOUSE_TOKENS"

func newServeCmd() *cobra.Command {
	var sf serveFlags
	cmd := &cobra.Command{
		Use:   "serve --lake DIR|s3://BUCKET/PREFIX [--listen ADDR] [--http-listen ADDR]",
		Short: "Serve SQL over the lake to BI tools (Arrow Flight SQL) and scripts (HTTP)",
		Long: `Serve answers SQL over the lake with the engine of 'trailhouse query', for programs:

  - an Arrow Flight SQL server on --listen (gRPC), for BI tools and notebooks through
    the Flight SQL JDBC driver (DBeaver, Tableau), ADBC (Python, R, Superset), Grafana's
    Flight SQL data source and arrow-go's database/sql driver;
  - with --http-listen, POST /v1/query (the SQL as the body; ?format=json, csv, ndjson,
    arrow or parquet) and GET /healthz, for scripts and curl.

The lake is one catalog, "trailhouse", with one schema, "cloudtrail", holding
cloudtrail_logs (and insights when the lake has it). The server only reads: updates
are refused (PermissionDenied).

Security. On a loopback address (127.0.0.1, ::1, localhost) the server may run without
TLS or credentials. On any other address it refuses to start unless it has both:
--tls-cert and --tls-key, and credentials from --auth-file or $TRAILHOUSE_TOKENS.
The auth file holds one credential a line: a bare line is a bearer token, and
"basic USER:PASSWORD" a user for Basic auth (# starts a comment). $TRAILHOUSE_TOKENS
holds bearer tokens separated by commas. Secrets are compared in constant time.

Limits. Each query may hold --max-memory in hash tables, sorts and buffers and run
for --query-timeout; at most --max-concurrent queries run at once, and another one
waits up to --queue-wait for a slot before it is refused (ResourceExhausted, HTTP 429).
Errors carry clear codes: InvalidArgument (HTTP 400, with the line and a caret) for a
statement that does not parse or names something unknown, ResourceExhausted (413) over
the memory limit, DeadlineExceeded (408) over the time limit, Unauthenticated (401).

Connecting (see docs/serve.md for TLS and more clients):
  DBeaver:  add the "Arrow Flight SQL" driver (flight-sql-jdbc-driver jar), URL
            jdbc:arrow-flight-sql://HOST:31337?useEncryption=false
            (with TLS: useEncryption=true; with a token: &token=TOKEN, or a user and password)
  Python:   import adbc_driver_flightsql.dbapi as flight_sql
            conn = flight_sql.connect("grpc://127.0.0.1:31337")   # grpc+tls://HOST:31337 with TLS
            # with a token: db_kwargs={"adbc.flight.sql.authorization_header": "Bearer TOKEN"}
  Go:       sql.Open("flightsql", "flightsql://127.0.0.1:31337?token=TOKEN")
  curl:     curl --data-binary 'SELECT count(*) FROM cloudtrail_logs' http://127.0.0.1:8080/v1/query

SIGINT or SIGTERM stops the server: running queries get 30 seconds to finish.`,
		Example: `  trailhouse serve --lake ./demo/lake
  trailhouse serve --lake ./demo/lake --http-listen 127.0.0.1:8080
  TRAILHOUSE_TOKENS=$(openssl rand -hex 24) trailhouse serve --lake s3://my-lake/trail --profile audit \
      --listen 0.0.0.0:31337 --http-listen 0.0.0.0:8443 --tls-cert server.crt --tls-key server.key \
      --max-memory 2147483648 --query-timeout 2m --max-concurrent 8`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), &sf, cmd)
		},
	}
	f := cmd.Flags()
	f.StringVar(&sf.lake, "lake", "", "the lake: a directory or s3://bucket/prefix")
	f.StringVar(&sf.listen, "listen", "127.0.0.1:31337", "Flight SQL (gRPC) address; empty for none")
	f.StringVar(&sf.httpListen, "http-listen", "", "address of POST /v1/query and GET /healthz, e.g. 127.0.0.1:8080 (default: none)")
	f.StringVar(&sf.tlsCert, "tls-cert", "", "PEM certificate (chain) for TLS on both listeners")
	f.StringVar(&sf.tlsKey, "tls-key", "", "PEM private key of --tls-cert")
	f.StringVar(&sf.authFile, "auth-file", "", "credentials, one a line: TOKEN, or basic USER:PASSWORD (or set $"+tokensEnv+")")
	bytesVar(f, &sf.maxMemory, "max-memory", 1<<30, "memory limit (bytes, or 512MiB, 1GiB) of each query's hash tables, sorts and buffers (0: none)")
	f.DurationVar(&sf.queryTimeout, "query-timeout", 5*time.Minute, "stop a query that runs longer than this (0: no limit)")
	f.IntVar(&sf.maxConcurrent, "max-concurrent", 4, "queries run at once")
	f.DurationVar(&sf.queueWait, "queue-wait", 2*time.Second, "how long a query waits for a slot before it is refused")
	f.StringVar(&sf.logFormat, "log-format", "text", "log lines on stderr (one per query): text or json")
	addS3Flags(f, &sf.s3opt)
	return cmd
}

func runServe(ctx context.Context, sf *serveFlags, cmd *cobra.Command) error {
	if sf.lake == "" {
		return usageErr("serve needs --lake DIR or --lake s3://bucket/prefix")
	}
	if sf.listen == "" && sf.httpListen == "" {
		return usageErr("nothing to listen on: give --listen or --http-listen")
	}
	if sf.maxConcurrent < 1 {
		return usageErr("--max-concurrent must be at least 1")
	}
	log, err := newLogger(cmd.ErrOrStderr(), sf.logFormat)
	if err != nil {
		return err
	}
	cfg := serve.Config{
		Listen: sf.listen, HTTPListen: sf.httpListen,
		MaxConcurrent: sf.maxConcurrent, QueueWait: sf.queueWait, QueryTimeout: sf.queryTimeout,
		Version: version, Log: log,
	}
	if (sf.tlsCert == "") != (sf.tlsKey == "") {
		return usageErr("give both --tls-cert and --tls-key, or neither")
	}
	if sf.tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(sf.tlsCert, sf.tlsKey)
		if err != nil {
			return usageErr("--tls-cert/--tls-key: %v", err)
		}
		cfg.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	env := os.Getenv(tokensEnv)
	switch {
	case sf.authFile != "" && env != "":
		return usageErr("give credentials with --auth-file or $%s, not both", tokensEnv)
	case sf.authFile != "":
		if cfg.Auth, err = serve.LoadAuthFile(sf.authFile); err != nil {
			return usageErr("%v", err)
		}
	case env != "":
		if cfg.Auth, err = serve.AuthFromTokens(env, "$"+tokensEnv); err != nil {
			return usageErr("%v", err)
		}
	}
	// a soft limit for the Go runtime, above what the queries may hold
	queryGC(sf.maxMemory * int64(sf.maxConcurrent) * 5 / 4)
	lake, err := objstore.Open(ctx, sf.lake, sf.s3opt)
	if err != nil {
		return err
	}
	eng, err := query.Open(ctx, lake, query.Options{MaxMemory: sf.maxMemory})
	if err != nil {
		return err
	}
	srv, err := serve.New(eng, cfg)
	if err != nil {
		if errors.Is(err, serve.ErrInsecure) {
			return usageErr("%v", err)
		}
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	scheme, httpScheme := "grpc", "http"
	if cfg.TLS != nil {
		scheme, httpScheme = "grpc+tls", "https"
	}
	auth := "none (loopback only)"
	if cfg.Auth != nil {
		auth = "required"
	}
	out := cmd.ErrOrStderr()
	if a := srv.FlightAddr(); a != "" {
		fmt.Fprintf(out, "trailhouse serve: Flight SQL on %s://%s\n", scheme, a)
	}
	if a := srv.HTTPAddr(); a != "" {
		fmt.Fprintf(out, "trailhouse serve: HTTP on %s://%s/v1/query\n", httpScheme, a)
	}
	mem, limit := "no memory limit", "no time limit"
	if sf.maxMemory > 0 {
		mem = humanBytes(sf.maxMemory)
	}
	if sf.queryTimeout > 0 {
		limit = sf.queryTimeout.String()
	}
	fmt.Fprintf(out, "trailhouse serve: lake %s; authentication %s; %d queries at once, each up to %s and %s\n",
		sf.lake, auth, sf.maxConcurrent, mem, limit)
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-srv.Err():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && serveErr == nil {
		serveErr = fmt.Errorf("stop: %w", err)
	}
	return serveErr
}
