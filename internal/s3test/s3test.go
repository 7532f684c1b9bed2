// Package s3test starts S3 servers for tests in any package, in two tiers:
//
//   - Start: gofakes3 with its in-memory backend, in-process behind
//     httptest on 127.0.0.1. Fast, always available.
//   - StartMinIO: a real MinIO server binary on 127.0.0.1, the fidelity
//     tier; it runs only when TRAILHOUSE_MINIO=1 (see StartMinIO).
//
// Both are reached through the same http.Handler wrapper, so fault
// injection (Server.Inject) and request counting (Server.Count) work on
// either.
//
// Conditional create: gofakes3 v1.2.0 honours "If-None-Match: *" on
// PutObject itself (parsePutConditions in gofakes3.go, checked by the s3mem
// backend under its write lock together with the store, so it is atomic)
// and answers 412 PreconditionFailed, so no precondition layer is needed
// here. TestConditionalPut checks that this stays true.
package s3test

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// Region is the region the test servers are addressed with.
const Region = "us-east-1"

// Server is a running S3 test server with one bucket.
type Server struct {
	// URL is the endpoint, e.g. "http://127.0.0.1:41234".
	URL string
	// Bucket exists and is empty when the server is returned.
	Bucket string
	// AccessKeyID and SecretAccessKey are the static test credentials.
	AccessKeyID, SecretAccessKey string
	// Kind is "gofakes3" or "minio".
	Kind string

	mu      sync.Mutex
	faults  []Fault
	filters []Filter
	counts  map[[2]string]int64 // by app ID and Op
	closed  chan struct{}       // closed when the test ends, to release hung requests
}

// A Fault looks at a request before the server does. If it returns ok, the
// request is answered with status and body (an S3 XML error body, see
// ErrorBody; no body is sent for HEAD) and never reaches the server.
// Faults run concurrently, in the order they were injected; the first that
// returns ok answers. A Fault may block, e.g. until r.Context() is done.
type Fault func(r *http.Request) (status int, body string, ok bool)

// Inject adds a fault for the rest of the test.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// A Filter sees each request that no Fault answered, on its way to the
// server, and returns the ResponseWriter the server's answer goes to: w
// itself, or a wrapper that changes the answer (see CutBody). Filters are
// applied in the order they were added, the first one outermost.
type Filter func(w http.ResponseWriter, r *http.Request) http.ResponseWriter

// AddFilter adds a filter for the rest of the test.
func (s *Server) AddFilter(f Filter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.filters = append(s.filters, f)
}

// Count returns how many requests of an operation (as Op names it; "" for
// all) reached the server's front door so far, injected faults included.
func (s *Server) Count(op string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for k, c := range s.counts {
		if op == "" || k[1] == op {
			n += c
		}
	}
	return n
}

// CountApp is Count for the requests of one client, whose
// objstore.S3Options.AppID is app.
func (s *Server) CountApp(app, op string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for k, c := range s.counts {
		if k[0] == app && (op == "" || k[1] == op) {
			n += c
		}
	}
	return n
}

// AppID returns the application ID in a request's User-Agent ("app/ID"),
// or "".
func AppID(r *http.Request) string {
	for _, h := range []string{"User-Agent", "X-Amz-User-Agent"} {
		for _, f := range strings.Fields(r.Header.Get(h)) {
			if id, ok := strings.CutPrefix(f, "app/"); ok {
				return id
			}
		}
	}
	return ""
}

// Options returns store options for the server's bucket under prefix:
// static credentials, path-style addressing, and a short MaxBackoff so
// retries do not slow tests down.
func (s *Server) Options(prefix string) objstore.S3Options {
	return objstore.S3Options{
		Bucket:          s.Bucket,
		Prefix:          prefix,
		Region:          Region,
		EndpointURL:     s.URL,
		PathStyle:       true,
		AccessKeyID:     s.AccessKeyID,
		SecretAccessKey: s.SecretAccessKey,
		MaxBackoff:      20 * time.Millisecond,
	}
}

// Store returns an S3 store over the server's bucket under prefix.
func (s *Server) Store(t testing.TB, prefix string) *objstore.S3 {
	t.Helper()
	st, err := objstore.NewS3(context.Background(), s.Options(prefix))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Client returns a plain SDK client for the server, for setting up and
// inspecting state beside a store (its requests are not in any store's
// Stats, but are in Count).
func (s *Server) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:       Region,
		BaseEndpoint: aws.String(s.URL),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(s.AccessKeyID, s.SecretAccessKey, ""),
		// Retries would hide injected faults from the setup code.
		RetryMaxAttempts: 1,
	})
}

// CreateBucket creates another bucket on the server. It retries for a
// while as long as the server says it is still starting (MinIO reports
// itself ready a moment before it takes requests).
func (s *Server) CreateBucket(t testing.TB, name string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := s.Client().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)})
		if err == nil {
			return
		}
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "XMinioServerNotInitialized" || time.Now().After(deadline) {
			t.Fatalf("create bucket %s on %s: %v", name, s.Kind, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Start starts an in-process gofakes3 server with an in-memory backend
// and one bucket; it stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	fake := gofakes3.New(s3mem.New())
	s := &Server{
		Bucket:          "trailhouse-test",
		AccessKeyID:     "trailhouse-test-key",
		SecretAccessKey: "trailhouse-test-secret",
		Kind:            "gofakes3",
		closed:          make(chan struct{}),
	}
	hs := httptest.NewServer(s.wrap(fake.Server()))
	t.Cleanup(hs.Close)
	t.Cleanup(func() { close(s.closed) }) // runs first: cleanups are LIFO
	s.URL = hs.URL
	s.CreateBucket(t, s.Bucket)
	return s
}

// wrap puts counting and fault injection in front of a server.
func (s *Server) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		if s.counts == nil {
			s.counts = map[[2]string]int64{}
		}
		s.counts[[2]string{AppID(r), Op(r, s.Bucket)}]++
		faults := append([]Fault(nil), s.faults...)
		filters := append([]Filter(nil), s.filters...)
		s.mu.Unlock()
		for _, f := range faults {
			status, body, ok := f(r)
			if !ok {
				continue
			}
			// Read the request first, so that the client sees the answer
			// rather than a connection closed under its upload.
			_, _ = io.Copy(io.Discard, r.Body)
			if r.Method == http.MethodHead {
				body = ""
			}
			if body != "" {
				w.Header().Set("Content-Type", "application/xml")
			}
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
			return
		}
		for i := len(filters) - 1; i >= 0; i-- {
			w = filters[i](w, r)
		}
		next.ServeHTTP(w, r)
	})
}

// ErrorBody is an S3 XML error document.
func ErrorBody(code, message string) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString("<Error><Code>")
	_ = xml.EscapeText(&b, []byte(code))
	b.WriteString("</Code><Message>")
	_ = xml.EscapeText(&b, []byte(message))
	b.WriteString("</Message><RequestId>s3test</RequestId></Error>")
	return b.String()
}

// Key returns the object key a path-style request for bucket names, or ""
// for a bucket-level request.
func Key(r *http.Request, bucket string) string {
	k, _ := strings.CutPrefix(r.URL.Path, "/"+bucket+"/")
	if k == r.URL.Path {
		return ""
	}
	return k
}

// Op names the S3 operation of a path-style request for bucket, e.g.
// "GetObject", "ListObjectsV2", "UploadPart"; "Other" if unknown.
func Op(r *http.Request, bucket string) string {
	q := r.URL.Query()
	has := func(k string) bool { _, ok := q[k]; return ok }
	if Key(r, bucket) == "" {
		switch r.Method {
		case http.MethodGet:
			switch {
			case q.Get("list-type") == "2":
				return "ListObjectsV2"
			case has("uploads"):
				return "ListMultipartUploads"
			case has("versions"):
				return "ListObjectVersions"
			case has("location"):
				return "GetBucketLocation"
			}
			return "ListObjects"
		case http.MethodPut:
			return "CreateBucket"
		case http.MethodHead:
			return "HeadBucket"
		case http.MethodDelete:
			return "DeleteBucket"
		case http.MethodPost:
			if has("delete") {
				return "DeleteObjects"
			}
		}
		return "Other"
	}
	switch r.Method {
	case http.MethodGet:
		if has("uploadId") {
			return "ListParts"
		}
		return "GetObject"
	case http.MethodHead:
		return "HeadObject"
	case http.MethodPut:
		switch {
		case has("uploadId") && has("partNumber"):
			return "UploadPart"
		case r.Header.Get("X-Amz-Copy-Source") != "":
			return "CopyObject"
		}
		return "PutObject"
	case http.MethodPost:
		switch {
		case has("uploads"):
			return "CreateMultipartUpload"
		case has("uploadId"):
			return "CompleteMultipartUpload"
		}
	case http.MethodDelete:
		if has("uploadId") {
			return "AbortMultipartUpload"
		}
		return "DeleteObject"
	}
	return "Other"
}

// FailFirst answers the first n requests for op (as Op names it) on the
// server with status and an S3 error of code, e.g. FailFirst(s, 2,
// "GetObject", 503, "SlowDown"). n < 0 fails every such request.
func FailFirst(s *Server, n int, op string, status int, code string) Fault {
	var seen atomic.Int64
	return func(r *http.Request) (int, string, bool) {
		if Op(r, s.Bucket) != op {
			return 0, "", false
		}
		if n >= 0 && seen.Add(1) > int64(n) {
			return 0, "", false
		}
		return status, ErrorBody(code, "injected by s3test"), true
	}
}

// Hang makes every request for op (and key, if not "") wait until its
// client goes away (or the test ends), as a server that stopped answering
// would.
func Hang(s *Server, op, key string) Fault {
	return func(r *http.Request) (int, string, bool) {
		if Op(r, s.Bucket) != op || key != "" && Key(r, s.Bucket) != key {
			return 0, "", false
		}
		select {
		case <-r.Context().Done():
		case <-s.closed:
		}
		return http.StatusServiceUnavailable, "", true
	}
}

// FailKey is FailFirst for the requests of op on one object: key is the
// full key in the bucket (the store's prefix included).
func FailKey(s *Server, n int, op, key string, status int, code string) Fault {
	var seen atomic.Int64
	return func(r *http.Request) (int, string, bool) {
		if Op(r, s.Bucket) != op || Key(r, s.Bucket) != key {
			return 0, "", false
		}
		if n >= 0 && seen.Add(1) > int64(n) {
			return 0, "", false
		}
		return status, ErrorBody(code, "injected by s3test"), true
	}
}

// EnvLatency is the duration in environment variable name (a
// time.ParseDuration string), or def when it is unset: benchmarks let
// their injected latency be set that way.
func EnvLatency(tb testing.TB, name string, def time.Duration) time.Duration {
	tb.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return d
}

// Latency delays every request for op ("" for all) by d before the server
// sees it, as a distant server would: for measurements, not assertions.
func Latency(s *Server, op string, d time.Duration) Fault {
	return func(r *http.Request) (int, string, bool) {
		if op != "" && Op(r, s.Bucket) != op {
			return 0, "", false
		}
		select {
		case <-time.After(d):
		case <-r.Context().Done():
		case <-s.closed:
		}
		return 0, "", false
	}
}

// CutBody breaks the first n GetObject answers for key (the full key in
// the bucket; n < 0: every one) after the first after bytes of the body:
// the status and headers (with the whole Content-Length) are sent, then
// the connection is closed, as a network failure mid-download would. The
// client sees an unexpected EOF while reading the body.
func CutBody(s *Server, key string, after int64, n int) Filter {
	var seen atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
		if Op(r, s.Bucket) != "GetObject" || Key(r, s.Bucket) != key {
			return w
		}
		if n >= 0 && seen.Add(1) > int64(n) {
			return w
		}
		return &cutWriter{ResponseWriter: w, left: after}
	}
}

type cutWriter struct {
	http.ResponseWriter
	left int64
}

func (c *cutWriter) Write(b []byte) (int, error) {
	if int64(len(b)) <= c.left {
		c.left -= int64(len(b))
		return c.ResponseWriter.Write(b)
	}
	n, _ := c.ResponseWriter.Write(b[:c.left])
	c.left -= int64(n)
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
	// The server closes the connection without finishing the answer.
	panic(http.ErrAbortHandler)
}
