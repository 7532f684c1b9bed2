package s3test

import (
	"bytes"
	"context"
	"errors"
	"go/build"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// MinIO environment variables.
const (
	// EnvMinIO must be "1" for StartMinIO to run; otherwise it skips.
	EnvMinIO = "TRAILHOUSE_MINIO"
	// EnvMinIOBin names the minio binary to use.
	EnvMinIOBin = "TRAILHOUSE_MINIO_BIN"
	// MinIOInstall is how to get the binary.
	MinIOInstall = "make minio-bin (GOBIN=$PWD/.cache/bin go install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c)"
)

// MinIOBinary finds the minio binary: $TRAILHOUSE_MINIO_BIN, else
// .cache/bin/minio in the enclosing module (where `make minio-bin` puts
// it), else $GOPATH/bin/minio. It returns "" if there is none.
func MinIOBinary() string {
	if p := os.Getenv(EnvMinIOBin); p != "" {
		if isExec(p) {
			return p
		}
		return ""
	}
	var cands []string
	if dir, err := os.Getwd(); err == nil {
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				cands = append(cands, filepath.Join(dir, ".cache", "bin", "minio"))
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	for _, gp := range filepath.SplitList(build.Default.GOPATH) {
		cands = append(cands, filepath.Join(gp, "bin", "minio"))
	}
	for _, c := range cands {
		if isExec(c) {
			return c
		}
	}
	return ""
}

func isExec(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0
}

// StartMinIO starts a real MinIO server for the test, with a t.TempDir()
// data directory, on a free port of 127.0.0.1, and creates the bucket; it
// is killed when the test ends. It skips the test unless
// TRAILHOUSE_MINIO=1, and skips it with how to install MinIO if no binary
// is found (see MinIOBinary). Requests reach MinIO through an in-process
// reverse proxy, so Inject and Count work as with Start.
func StartMinIO(t testing.TB) *Server {
	t.Helper()
	if os.Getenv(EnvMinIO) != "1" {
		t.Skipf("MinIO tier: set %s=1 to run it (make test-minio does)", EnvMinIO)
	}
	bin := MinIOBinary()
	if bin == "" && os.Getenv(EnvMinIOBin) != "" {
		t.Skipf("MinIO tier: $%s=%s is not an executable file; install it with %s", EnvMinIOBin, os.Getenv(EnvMinIOBin), MinIOInstall)
	}
	if bin == "" {
		t.Skipf("MinIO tier: no minio binary (looked at $%s, .cache/bin/minio, $GOPATH/bin/minio); install it with %s", EnvMinIOBin, MinIOInstall)
	}
	port, cport := freePort(t), freePort(t)
	s := &Server{
		Bucket:          "trailhouse-test",
		AccessKeyID:     "trailhouse-minio",
		SecretAccessKey: "trailhouse-minio-secret-4f9d",
		Kind:            "minio",
		closed:          make(chan struct{}),
	}
	addr := "127.0.0.1:" + port
	cmd := exec.Command(bin, "server", "--quiet", "--address", addr, "--console-address", "127.0.0.1:"+cport, t.TempDir())
	cmd.Env = append(os.Environ(),
		"MINIO_ROOT_USER="+s.AccessKeyID,
		"MINIO_ROOT_PASSWORD="+s.SecretAccessKey,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
	)
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start minio %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("minio output:\n%s", out.tail(4000))
		}
	})

	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/minio/health/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case <-exited:
			t.Fatalf("minio exited before it was ready:\n%s", out.tail(4000))
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("minio not ready after 60s (last error %v):\n%s", err, out.tail(4000))
		}
	}

	target, _ := url.Parse(base)
	proxy := httputil.NewSingleHostReverseProxy(target)
	// The client signs the Host header it sends (the proxy's); forwarding
	// it unchanged keeps the signature valid.
	proxy.FlushInterval = -1
	proxy.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		if !errors.Is(err, context.Canceled) {
			t.Logf("s3test proxy: %s %s: %v", r.Method, r.URL.Path, err)
		}
		w.WriteHeader(http.StatusBadGateway)
	}
	hs := httptest.NewServer(s.wrap(proxy))
	t.Cleanup(hs.Close)
	t.Cleanup(func() { close(s.closed) })
	s.URL = hs.URL
	s.CreateBucket(t, s.Bucket)
	return s
}

func freePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) tail(n int) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.b.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return strings.TrimSpace(s)
}
