package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/flight/flightsql/driver"
)

func TestServeHelpTeaches(t *testing.T) {
	out, _, code := run(t, "serve", "--help")
	for _, want := range []string{"Example", "DBeaver", "jdbc:arrow-flight-sql://", "adbc_driver_flightsql", "curl", "--auth-file", "TRAILHOUSE_TOKENS", "--max-concurrent", "loopback"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("serve --help (code %d) does not mention %q", code, want)
		}
	}
}

func TestServeRefusesInsecure(t *testing.T) {
	lake := queryLake(t)
	t.Setenv(tokensEnv, "")
	_, errs, code := run(t, "serve", "--lake", lake, "--listen", "0.0.0.0:0")
	if code != exitUsage || !strings.Contains(errs, "TLS") || !strings.Contains(errs, "authentication") {
		t.Errorf("non-loopback without TLS and auth: code %d, %s", code, errs)
	}
	t.Setenv(tokensEnv, "tok")
	_, errs, code = run(t, "serve", "--lake", lake, "--listen", "127.0.0.1:0", "--http-listen", ":0")
	if code != exitUsage || !strings.Contains(errs, "TLS") || strings.Contains(errs, "authentication") {
		t.Errorf("HTTP on all interfaces with a token but no TLS: code %d, %s", code, errs)
	}
	_, errs, code = run(t, "serve", "--lake", lake, "--tls-cert", "x.pem")
	if code != exitUsage || !strings.Contains(errs, "--tls-key") {
		t.Errorf("a cert without a key: code %d, %s", code, errs)
	}
	_, errs, code = run(t, "serve", "--lake", lake, "--auth-file", filepath.Join(t.TempDir(), "none"))
	if code != exitUsage || !strings.Contains(errs, "auth") {
		t.Errorf("both auth sources: code %d, %s", code, errs)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `trailhouse serve args...` in-process until the test
// ends, and returns its Flight SQL and HTTP addresses from its stderr.
func startServe(t *testing.T, args ...string) (flightAddr, httpAddr string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	root := newRoot()
	var errb syncBuffer
	root.SetOut(io.Discard)
	root.SetErr(&errb)
	root.SetArgs(append([]string{"serve"}, args...))
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve after SIGTERM-like stop: %v", err)
		}
	})
	fl := regexp.MustCompile(`Flight SQL on grpc(?:\+tls)?://(\S+)`)
	hl := regexp.MustCompile(`HTTP on https?://(\S+)/v1/query`)
	for i := 0; i < 1000; i++ {
		s := errb.String()
		if m, h := fl.FindStringSubmatch(s), hl.FindStringSubmatch(s); m != nil && h != nil && strings.Contains(s, "queries at once") {
			return m[1], h[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, s)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start:\n%s", errb.String())
	return "", ""
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// their paths and a pool that trusts it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "trailhouse test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "server.crt"), filepath.Join(dir, "server.key")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestServeCommand(t *testing.T) {
	lake := queryLake(t)
	t.Setenv(tokensEnv, "")
	flightAddr, httpAddr := startServe(t, "--lake", lake, "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0")

	resp, err := http.Post("http://"+httpAddr+"/v1/query?format=csv", "text/plain",
		strings.NewReader("SELECT useridentity.arn AS arn, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY n DESC"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := "arn,n\narn:aws:iam::111122223333:user/alice,2\narn:aws:iam::111122223333:user/bob,1\n"; resp.StatusCode != 200 || string(body) != want {
		t.Errorf("HTTP: %d %q, want %q", resp.StatusCode, body, want)
	}

	db, err := sql.Open("flightsql", "flightsql://"+flightAddr+"?timeout=1m")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow("SELECT count(*) FROM cloudtrail WHERE errorcode = 'AccessDenied'").Scan(&n); err != nil || n != 1 {
		t.Errorf("Flight SQL: %d, %v", n, err)
	}
}

// TestServeTLS: on every interface, with TLS and a token; clients that
// trust the certificate and send the token get answers, others do not.
func TestServeTLS(t *testing.T) {
	lake := queryLake(t)
	certFile, keyFile, pool := selfSigned(t)
	authFile := filepath.Join(t.TempDir(), "auth")
	os.WriteFile(authFile, []byte("# tokens\nsecret-token-1\nbasic carol:pw-carol\n"), 0o600)
	t.Setenv(tokensEnv, "")
	flightAddr, httpAddr := startServe(t, "--lake", lake, "--listen", "0.0.0.0:0", "--http-listen", "0.0.0.0:0",
		"--tls-cert", certFile, "--tls-key", keyFile, "--auth-file", authFile)
	_, port, _ := net.SplitHostPort(flightAddr)
	_, hport, _ := net.SplitHostPort(httpAddr)

	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	for _, c := range []struct {
		auth string
		code int
	}{{"", 401}, {"Bearer wrong", 401}, {"Bearer secret-token-1", 200}} {
		req, _ := http.NewRequest("POST", "https://127.0.0.1:"+hport+"/v1/query", strings.NewReader("SELECT count(*) AS n FROM cloudtrail_logs"))
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.code || (c.code == 200 && string(body) != "[\n{\"n\":3}\n]\n") {
			t.Errorf("https with %q: %d %q", c.auth, resp.StatusCode, body)
		}
	}
	// plain HTTP to the TLS port fails
	if resp, err := http.Post("http://127.0.0.1:"+hport+"/v1/query", "text/plain", strings.NewReader("SELECT 1")); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Error("plain HTTP was answered on the TLS listener")
		}
	}

	if err := driver.RegisterTLSConfig("trailhouse-test", &tls.Config{RootCAs: pool}); err != nil {
		t.Fatal(err)
	}
	defer driver.UnregisterTLSConfig("trailhouse-test")
	for _, c := range []struct {
		dsn string
		ok  bool
	}{
		{"flightsql://127.0.0.1:" + port + "?tls=trailhouse-test&token=secret-token-1&timeout=1m", true},
		{"flightsql://carol:pw-carol@127.0.0.1:" + port + "?tls=trailhouse-test&timeout=1m", true},
		{"flightsql://127.0.0.1:" + port + "?tls=trailhouse-test&token=nope&timeout=1m", false},
		{"flightsql://127.0.0.1:" + port + "?token=secret-token-1&timeout=5s", false}, // no TLS
	} {
		db, err := sql.Open("flightsql", c.dsn)
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		err = db.QueryRow("SELECT count(*) FROM cloudtrail_logs").Scan(&n)
		db.Close()
		if c.ok && (err != nil || n != 3) {
			t.Errorf("%s: %d, %v", c.dsn, n, err)
		}
		if !c.ok && err == nil {
			t.Errorf("%s: answered", c.dsn)
		}
	}
}
