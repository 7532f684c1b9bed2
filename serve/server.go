package serve

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/trailhouse/trailhouse/query"
)

// Config is what a Server listens on and how it guards the engine. The
// zero values of the limits mean the defaults below.
type Config struct {
	// Listen is the Flight SQL (gRPC) address, e.g. 127.0.0.1:31337; ""
	// for none.
	Listen string
	// HTTPListen is the address of POST /v1/query and GET /healthz; "" for
	// none.
	HTTPListen string
	// TLS, when set, serves both listeners over TLS. An address that is
	// not loopback requires it, and Auth.
	TLS *tls.Config
	// Auth, when set, is required of every request but GET /healthz.
	Auth *Auth
	// MaxConcurrent is how many queries run at once (default 4); another
	// waits up to QueueWait (default 2s) for a slot, then fails with
	// ResourceExhausted (HTTP 429).
	MaxConcurrent int
	QueueWait     time.Duration
	// QueryTimeout bounds a query from its start (GetFlightInfo, or the
	// HTTP request) to its last batch; 0 means no limit. The per-query
	// memory limit is the engine's (query.Options.MaxMemory).
	QueryTimeout time.Duration
	// MaxSQLBytes bounds the statement text (default 1 MiB).
	MaxSQLBytes int
	// TicketTTL is how long the Rows of a GetFlightInfo wait for their
	// DoGet (default 1m), and MaxPending how many may wait (default
	// 4 x MaxConcurrent + 16).
	TicketTTL  time.Duration
	MaxPending int
	// PreparedIdle closes a prepared statement unused for that long
	// (default 1h); MaxPrepared bounds how many are open (default 4096).
	PreparedIdle time.Duration
	MaxPrepared  int
	// Version is reported by GetSqlInfo and /healthz.
	Version string
	// Log receives one line per query and per refused request; nil
	// discards.
	Log *slog.Logger
}

func (c *Config) defaults() {
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 4
	}
	if c.QueueWait <= 0 {
		c.QueueWait = 2 * time.Second
	}
	if c.MaxSQLBytes <= 0 {
		c.MaxSQLBytes = 1 << 20
	}
	if c.TicketTTL <= 0 {
		c.TicketTTL = time.Minute
	}
	if c.MaxPending <= 0 {
		c.MaxPending = 4*c.MaxConcurrent + 16
	}
	if c.PreparedIdle <= 0 {
		c.PreparedIdle = time.Hour
	}
	if c.MaxPrepared <= 0 {
		c.MaxPrepared = 4096
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	if c.Log == nil {
		c.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// IsLoopback reports whether addr (host:port) listens on loopback only.
// An empty host listens on every interface, so it is not loopback.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Server is a running Flight SQL server and HTTP endpoint over one engine.
type Server struct {
	eng      *query.Engine
	cfg      Config
	gate     *gate
	tickets  *ticketStore
	prepared *preparedStore

	grpc     *grpc.Server
	http     *http.Server
	flightLn net.Listener
	httpLn   net.Listener

	wg   sync.WaitGroup
	errc chan error
}

// New checks cfg and prepares a server; Start listens.
func New(eng *query.Engine, cfg Config) (*Server, error) {
	cfg.defaults()
	if cfg.Listen == "" && cfg.HTTPListen == "" {
		return nil, errors.New("serve: nothing to listen on")
	}
	for _, a := range []string{cfg.Listen, cfg.HTTPListen} {
		if a == "" || IsLoopback(a) {
			continue
		}
		var missing []string
		if cfg.TLS == nil {
			missing = append(missing, "TLS (--tls-cert and --tls-key)")
		}
		if cfg.Auth == nil {
			missing = append(missing, "authentication (--auth-file or TRAILHOUSE_TOKENS)")
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("%w: %s is not a loopback address, so the server needs %s", ErrInsecure, a, strings.Join(missing, " and "))
		}
	}
	s := &Server{
		eng:      eng,
		cfg:      cfg,
		gate:     newGate(cfg.MaxConcurrent, cfg.QueueWait),
		prepared: newPreparedStore(cfg.MaxPrepared, cfg.PreparedIdle),
		errc:     make(chan error, 2),
	}
	return s, nil
}

// Start listens on the configured addresses and serves in the background
// until Shutdown. A listener that fails later is reported on Err.
func (s *Server) Start() error {
	if s.cfg.Listen != "" {
		ln, err := net.Listen("tcp", s.cfg.Listen)
		if err != nil {
			return fmt.Errorf("listen %s: %w", s.cfg.Listen, err)
		}
		s.flightLn = ln
	}
	if s.cfg.HTTPListen != "" {
		ln, err := net.Listen("tcp", s.cfg.HTTPListen)
		if err != nil {
			if s.flightLn != nil {
				s.flightLn.Close()
			}
			return fmt.Errorf("listen %s: %w", s.cfg.HTTPListen, err)
		}
		if s.cfg.TLS != nil {
			ln = tls.NewListener(ln, s.cfg.TLS)
		}
		s.httpLn = ln
	}
	s.tickets = newTicketStore(s.cfg.MaxPending, s.cfg.TicketTTL)
	if s.flightLn != nil {
		fs, err := s.newFlight()
		if err != nil {
			return err
		}
		s.grpc = s.newGRPC(fs)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := s.grpc.Serve(s.flightLn); err != nil {
				s.errc <- fmt.Errorf("flight sql server: %w", err)
			}
		}()
	}
	if s.httpLn != nil {
		s.http = &http.Server{Handler: s.httpHandler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
			ErrorLog: slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn)}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := s.http.Serve(s.httpLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
				s.errc <- fmt.Errorf("http server: %w", err)
			}
		}()
	}
	return nil
}

// FlightAddr is the Flight SQL listener's address ("" without one).
func (s *Server) FlightAddr() string {
	if s.flightLn == nil {
		return ""
	}
	return s.flightLn.Addr().String()
}

// HTTPAddr is the HTTP listener's address ("" without one).
func (s *Server) HTTPAddr() string {
	if s.httpLn == nil {
		return ""
	}
	return s.httpLn.Addr().String()
}

// Err reports a listener that stopped serving on its own.
func (s *Server) Err() <-chan error { return s.errc }

// Shutdown stops accepting, lets running requests finish until ctx is done,
// then cuts the rest off.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	if s.http != nil {
		if e := s.http.Shutdown(ctx); e != nil {
			s.http.Close()
			err = e
		}
	}
	if s.grpc != nil {
		done := make(chan struct{})
		go func() { s.grpc.GracefulStop(); close(done) }()
		select {
		case <-done:
		case <-ctx.Done():
			s.grpc.Stop()
			<-done
			err = ctx.Err()
		}
	}
	s.wg.Wait()
	if s.tickets != nil {
		s.tickets.close()
	}
	return err
}

func (s *Server) newGRPC(fs flight.FlightServer) *grpc.Server {
	opts := []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(s.recoverUnary, s.authUnary),
		grpc.ChainStreamInterceptor(s.recoverStream, s.authStream),
		grpc.MaxRecvMsgSize(s.cfg.MaxSQLBytes + 64<<10),
		grpc.MaxConcurrentStreams(256),
	}
	if s.cfg.TLS != nil {
		opts = append(opts, grpc.Creds(credentials.NewTLS(s.cfg.TLS)))
	}
	g := grpc.NewServer(opts...)
	flight.RegisterFlightServiceServer(g, fs)
	return g
}

type principalKey struct{}

func principalFrom(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

func authHeader(ctx context.Context) string {
	md, _ := metadata.FromIncomingContext(ctx)
	if v := md.Get("authorization"); len(v) > 0 {
		return v[0]
	}
	return ""
}

func (s *Server) authUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	p, err := s.cfg.Auth.Check(authHeader(ctx))
	if err != nil {
		s.cfg.Log.Warn("refused", "method", info.FullMethod, "err", err)
		return nil, grpcError(err)
	}
	return h(context.WithValue(ctx, principalKey{}, p), req)
}

type ctxStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (c *ctxStream) Context() context.Context { return c.ctx }

func (s *Server) authStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
	ctx := ss.Context()
	p, err := s.cfg.Auth.Check(authHeader(ctx))
	if err != nil {
		s.cfg.Log.Warn("refused", "method", info.FullMethod, "err", err)
		return grpcError(err)
	}
	if s.cfg.Auth != nil && strings.HasSuffix(info.FullMethod, "/Handshake") {
		// Clients that log in once (the Flight SQL JDBC driver with a user
		// and password) take a bearer token from the Handshake's headers.
		if err := ss.SetHeader(metadata.Pairs("authorization", "Bearer "+s.cfg.Auth.Session(p))); err != nil {
			return err
		}
	}
	return h(srv, &ctxStream{ServerStream: ss, ctx: context.WithValue(ctx, principalKey{}, p)})
}

func (s *Server) recovered(method string, r any) error {
	s.cfg.Log.Error("panic", "method", method, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	return status.Errorf(codes.Internal, "internal error (a bug in trailhouse; please report it): %v", r)
}

func (s *Server) recoverUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (resp any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = s.recovered(info.FullMethod, r)
		}
	}()
	return h(ctx, req)
}

func (s *Server) recoverStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = s.recovered(info.FullMethod, r)
		}
	}()
	return h(srv, ss)
}

// flightService is the Flight SQL router with a Handshake that accepts
// what the auth interceptor already checked.
type flightService struct {
	flight.FlightServer
}

func (flightService) Handshake(stream flight.FlightService_HandshakeServer) error {
	// The interceptor has authenticated the call and set the token header;
	// read the client's (empty) requests to the end and answer once.
	for {
		_, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	return stream.Send(&flight.HandshakeResponse{})
}

func (s *Server) newFlight() (flight.FlightServer, error) {
	f := &flightSQL{s: s}
	if err := f.registerSqlInfo(); err != nil {
		return nil, err
	}
	return flightService{FlightServer: flightsql.NewFlightServer(f)}, nil
}

// Running is how many queries hold a slot now.
func (s *Server) Running() int { return len(s.gate.slots) }
