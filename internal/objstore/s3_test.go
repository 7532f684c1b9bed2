package objstore_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
)

// Test tuning: small pages so that pagination is exercised, and the
// smallest part size S3 allows so that multipart uploads stay small.
const (
	testPageSize  = 5
	testPartSize  = objstore.MinS3PartSize
	testThreshold = 6 << 20
)

func testOptions(srv *s3test.Server, root string) objstore.S3Options {
	o := srv.Options(root)
	o.PageSize = testPageSize
	o.PartSize = testPartSize
	o.MultipartThreshold = testThreshold
	o.PartConcurrency = 2
	return o
}

// newS3Store returns a store under root (which ends in "root/") with
// objects beside the root that it must never see, and checks when the
// test ends that its Stats agree with the requests the server received.
func newS3Store(t *testing.T, srv *s3test.Server, root string, tweak func(*objstore.S3Options)) (*objstore.S3, suiteStore) {
	t.Helper()
	ctx := context.Background()
	parent := strings.TrimSuffix(root, "root/")
	raw := srv.Client()
	for _, k := range []string{parent + "aaa-outside", parent + "roo", parent + "root-sibling/x"} {
		if _, err := raw.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(srv.Bucket), Key: aws.String(k), Body: strings.NewReader("decoy")}); err != nil {
			t.Fatal(err)
		}
	}
	opts := testOptions(srv, root)
	opts.AppID = fmt.Sprintf("store%d", storeSeq.Add(1))
	if tweak != nil {
		tweak(&opts)
	}
	st, err := objstore.NewS3(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	ops := []string{"GetObject", "HeadObject", "PutObject", "UploadPart", "CreateMultipartUpload", "CompleteMultipartUpload", "DeleteObject", "AbortMultipartUpload"}
	base := map[string]int64{}
	for _, op := range ops {
		base[op] = srv.CountApp(opts.AppID, op)
	}
	t.Cleanup(func() {
		d := map[string]int64{}
		for _, op := range ops {
			d[op] = srv.CountApp(opts.AppID, op) - base[op]
		}
		s := st.Stats()
		if s.Get != d["GetObject"] || s.Head != d["HeadObject"] ||
			s.Put != d["PutObject"]+d["UploadPart"]+d["CreateMultipartUpload"]+d["CompleteMultipartUpload"] ||
			s.Delete != d["DeleteObject"]+d["AbortMultipartUpload"] {
			t.Errorf("Stats %+v disagree with the requests the server received %v", s, d)
		}
	})
	return st, suiteStore{
		Store:     st,
		pageSize:  testPageSize,
		threshold: testThreshold,
		partSize:  testPartSize,
		requests:  func() int64 { return srv.Count("") },
		raw: func(t *testing.T) []string {
			var keys []string
			p := s3.NewListObjectsV2Paginator(raw, &s3.ListObjectsV2Input{Bucket: aws.String(srv.Bucket), Prefix: aws.String(root)})
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range page.Contents {
					keys = append(keys, strings.TrimPrefix(aws.ToString(o.Key), root))
				}
			}
			for _, k := range allUploads(t, srv) {
				if rel, ok := strings.CutPrefix(k, root); ok {
					keys = append(keys, "upload:"+rel)
				}
			}
			return keys
		},
	}
}

var storeSeq atomic.Int64

// pendingUploads counts the multipart uploads in progress for one key.
func pendingUploads(t *testing.T, srv *s3test.Server, fullKey string) int {
	t.Helper()
	n := 0
	for _, k := range allUploads(t, srv) {
		if k == fullKey {
			n++
		}
	}
	return n
}

// allUploads lists the keys of all multipart uploads in progress in the
// bucket. No Prefix is sent: MinIO lists uploads for a Prefix only if it
// is an exact key.
func allUploads(t *testing.T, srv *s3test.Server) []string {
	t.Helper()
	var keys []string
	in := &s3.ListMultipartUploadsInput{Bucket: aws.String(srv.Bucket)}
	for {
		out, err := srv.Client().ListMultipartUploads(context.Background(), in)
		var ae smithy.APIError
		if srv.Kind == "gofakes3" && errors.As(err, &ae) && ae.ErrorCode() == "NoSuchUpload" {
			return nil // gofakes3's answer for a bucket that never had an upload
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range out.Uploads {
			keys = append(keys, aws.ToString(u.Key))
		}
		if !aws.ToBool(out.IsTruncated) {
			return keys
		}
		in.KeyMarker, in.UploadIdMarker = out.NextKeyMarker, out.NextUploadIdMarker
	}
}

func TestS3Conformance(t *testing.T) {
	runStoreSuite(t, func(t *testing.T) suiteStore {
		_, s := newS3Store(t, s3test.Start(t), "root/", nil)
		return s
	})
}

func TestMinIOConformance(t *testing.T) {
	srv := s3test.StartMinIO(t)
	n := 0
	runStoreSuite(t, func(t *testing.T) suiteStore {
		n++
		_, s := newS3Store(t, srv, fmt.Sprintf("suite%02d/root/", n), nil)
		return s
	})
}

// eachServer runs fn against gofakes3 and against MinIO (which skips
// unless TRAILHOUSE_MINIO=1).
func eachServer(t *testing.T, fn func(t *testing.T, srv *s3test.Server)) {
	t.Run("gofakes3", func(t *testing.T) { fn(t, s3test.Start(t)) })
	t.Run("MinIO", func(t *testing.T) { fn(t, s3test.StartMinIO(t)) })
}

func TestS3RetriesSlowDown(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		st, _ := newS3Store(t, srv, "root/", nil)
		srv.Inject(s3test.FailFirst(srv, 1, "PutObject", 503, "SlowDown"))
		srv.Inject(s3test.FailFirst(srv, 1, "UploadPart", 503, "SlowDown"))
		srv.Inject(s3test.FailFirst(srv, 2, "GetObject", 503, "SlowDown"))
		srv.Inject(s3test.FailFirst(srv, 2, "ListObjectsV2", 503, "SlowDown"))

		before := st.Stats()
		put(t, st, "small", []byte("small object"))
		if d := st.Stats().Sub(before); d.Put != 2 || d.BytesWritten != 12 {
			t.Errorf("PUT retried once: Stats %+v, want 2 PUTs and 12 bytes", d)
		}
		big := bytes.Repeat([]byte("0123456789abcdef"), (testThreshold+1000)/16)
		before = st.Stats()
		put(t, st, "big", big)
		if d := st.Stats().Sub(before); d.Put != 2+2+1 || d.BytesWritten != int64(len(big)) {
			t.Errorf("multipart with one part retried: Stats %+v, want 5 PUTs and %d bytes", d, len(big))
		}

		before = st.Stats()
		if got := read(t, st, "small"); string(got) != "small object" {
			t.Errorf("read %q", got)
		}
		if got := listKeys(t, st, ""); !slices.Equal(got, []string{"big", "small"}) {
			t.Errorf("List = %q", got)
		}
		d := st.Stats().Sub(before)
		if d.Get != 3 || d.List != 3 || d.BytesRead != 12 {
			t.Errorf("after 2 SlowDowns each: Stats %+v, want 3 GETs, 3 LISTs, 12 bytes read", d)
		}
		if got := read(t, st, "big"); !bytes.Equal(got, big) {
			t.Errorf("multipart object read back wrong (%d bytes)", len(got))
		}
	})
}

func TestS3PersistentSlowDown(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		st, _ := newS3Store(t, srv, "root/", func(o *objstore.S3Options) { o.MaxRetries = 2 })
		put(t, st, "k", []byte("x"))
		srv.Inject(s3test.FailFirst(srv, -1, "GetObject", 503, "SlowDown"))
		before := st.Stats()
		start := time.Now()
		_, err := st.Open(ctx, "k")
		if err == nil {
			t.Fatal("Open succeeded against a server that always answers 503")
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "get "+st.URI("k")+": throttled: S3 answered SlowDown to all 3 attempts") || !errors.Is(err, objstore.ErrThrottled) || errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("error %q: want it to name the URI, SlowDown and the attempts", msg)
		}
		if d := st.Stats().Sub(before); d.Get != 3 {
			t.Errorf("MaxRetries 2: %d GET attempts, want 3", d.Get)
		}
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("took %v", el)
		}

		// Long backoffs end with the context.
		st3, _ := newS3Store(t, srv, "slow/root/", func(o *objstore.S3Options) { o.MaxRetries = 20; o.MaxBackoff = 20 * time.Second })
		put(t, st3, "k", []byte("x"))
		cctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		start = time.Now()
		_, err = st3.Open(cctx, "k")
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
			t.Errorf("retrying under a 500ms context: %v after %v, want DeadlineExceeded soon", err, time.Since(start))
		}

		// No retries at all.
		st2, _ := newS3Store(t, srv, "other/root/", func(o *objstore.S3Options) { o.MaxRetries = -1 })
		put(t, st2, "k", []byte("x"))
		if _, err := st2.Open(ctx, "k"); err == nil || st2.Stats().Get != 1 {
			t.Errorf("MaxRetries -1: err %v after %d GETs, want an error after 1", err, st2.Stats().Get)
		}
	})
}

func TestS3NotFoundAfterList(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		st, _ := newS3Store(t, srv, "root/", nil)
		put(t, st, "logs/a.json.gz", []byte("a"))
		put(t, st, "logs/b.json.gz", []byte("b"))
		if got := listKeys(t, st, "logs/"); len(got) != 2 {
			t.Fatalf("List = %q", got)
		}
		// a: the server answers 404 as if the object went between LIST and GET.
		srv.Inject(func(r *http.Request) (int, string, bool) {
			if s3test.Op(r, srv.Bucket) == "GetObject" && s3test.Key(r, srv.Bucket) == "root/logs/a.json.gz" {
				return 404, s3test.ErrorBody("NoSuchKey", "The specified key does not exist."), true
			}
			return 0, "", false
		})
		// b: really deleted behind the store's back.
		if _, err := srv.Client().DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(srv.Bucket), Key: aws.String("root/logs/b.json.gz")}); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"logs/a.json.gz", "logs/b.json.gz"} {
			_, err := st.Open(ctx, k)
			want := "get s3://" + srv.Bucket + "/root/" + k + ": "
			if !errors.Is(err, objstore.ErrNotFound) || !strings.HasPrefix(fmt.Sprint(err), want) {
				t.Errorf("Open(%s): %v, want ErrNotFound starting %q", k, err, want)
			}
		}
		if _, err := st.Stat(ctx, "logs/b.json.gz"); !errors.Is(err, objstore.ErrNotFound) || !strings.Contains(err.Error(), "s3://"+srv.Bucket+"/root/logs/b.json.gz") {
			t.Errorf("Stat: %v", err)
		}
	})
}

func TestS3HangHonoursContext(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		st, _ := newS3Store(t, srv, "root/", nil)
		put(t, st, "k", []byte("x"))
		srv.Inject(s3test.Hang(srv, "GetObject", ""))
		srv.Inject(s3test.Hang(srv, "PutObject", ""))
		for name, op := range map[string]func(ctx context.Context) error{
			"Open": func(ctx context.Context) error { _, err := st.Open(ctx, "k"); return err },
			"Commit": func(ctx context.Context) error {
				w, err := st.Create(ctx, "new")
				if err != nil {
					return err
				}
				w.Write([]byte("data"))
				return w.Commit()
			},
			"PutIfAbsent": func(ctx context.Context) error { return st.PutIfAbsent(ctx, "lock", []byte("x")) },
		} {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			start := time.Now()
			err := op(ctx)
			cancel()
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s against a hung server: %v, want context.DeadlineExceeded", name, err)
			}
			if el := time.Since(start); el > 5*time.Second {
				t.Errorf("%s returned after %v", name, el)
			}
		}
	})
}

func TestS3ContentEncodingGzip(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		st, _ := newS3Store(t, srv, "root/", nil)
		plain := []byte(`{"Records":[{"eventName":"GetObject"}]}`)
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(plain)
		zw.Close()
		key := "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/x.json.gz"
		raw := srv.Client()
		if _, err := raw.PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String(srv.Bucket), Key: aws.String("root/" + key), Body: bytes.NewReader(gz.Bytes()),
			ContentEncoding: aws.String("gzip"), ContentType: aws.String("application/json"),
		}); err != nil {
			t.Fatal(err)
		}
		head, err := raw.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(srv.Bucket), Key: aws.String("root/" + key)})
		if err != nil || aws.ToString(head.ContentEncoding) != "gzip" {
			t.Fatalf("the server does not keep Content-Encoding: gzip (%v, %v): the test would prove nothing", head, err)
		}
		if got := read(t, st, key); !bytes.Equal(got, gz.Bytes()) {
			t.Errorf("Open returned %d bytes (%q…), want the %d stored gzip bytes", len(got), got[:min(len(got), 8)], gz.Len())
		}
		if o, err := st.Stat(ctx, key); err != nil || o.Size != int64(gz.Len()) {
			t.Errorf("Stat = %+v, %v", o, err)
		}
		if srv.Kind == "gofakes3" { // it takes unsigned requests
			// The trap this guards against: Go's default client asks for
			// gzip itself and then decompresses without saying so.
			resp, err := http.Get(srv.URL + "/" + srv.Bucket + "/root/" + key)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !bytes.Equal(b, plain) || !resp.Uncompressed {
				t.Errorf("expected Go's default client to decompress transparently; got %d bytes", len(b))
			}
		}
	})
}

func TestS3ETag(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		st, _ := newS3Store(t, srv, "root/", nil)
		data := []byte("etag me")
		put(t, st, "e", data)
		sum := md5.Sum(data)
		o, err := st.Stat(ctx, "e")
		if err != nil || o.ETag != hex.EncodeToString(sum[:]) {
			t.Errorf("Stat ETag %q (%v), want the unquoted MD5 %x", o.ETag, err, sum)
		}
		st.List(ctx, "", func(l objstore.Object) error {
			if l.ETag != o.ETag || l.Size != o.Size {
				t.Errorf("List %+v differs from Stat %+v", l, o)
			}
			return nil
		})
	})
}

func TestS3MultipartFailureAborts(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		spool := t.TempDir()
		// One part in flight at a time: with two, the part beside the
		// failing one can be cancelled after its headers were written but
		// before the server read them, and then the store has counted a
		// request the server never saw (Stats counts what was sent).
		st, _ := newS3Store(t, srv, "root/", func(o *objstore.S3Options) {
			o.MaxRetries = -1
			o.TempDir = spool
			o.PartConcurrency = 1
		})

		// The pending-upload check can see an upload at all.
		raw := srv.Client()
		cr, err := raw.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(srv.Bucket), Key: aws.String("root/probe")})
		if err != nil {
			t.Fatal(err)
		}
		if n := pendingUploads(t, srv, "root/probe"); n != 1 {
			t.Fatalf("ListMultipartUploads sees %d uploads after creating one: the check below would prove nothing", n)
		}
		raw.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(srv.Bucket), Key: aws.String("root/probe"), UploadId: cr.UploadId})

		failPart2 := func(r *http.Request) (int, string, bool) {
			if s3test.Op(r, srv.Bucket) == "UploadPart" && r.URL.Query().Get("partNumber") == "2" {
				return 500, s3test.ErrorBody("InternalError", "injected"), true
			}
			return 0, "", false
		}
		failComplete := s3test.FailFirst(srv, -1, "CompleteMultipartUpload", 400, "InvalidPart")
		for i, f := range []s3test.Fault{failPart2, failComplete} {
			key := fmt.Sprintf("big%d", i)
			var on atomic.Bool
			srv.Inject(func(r *http.Request) (int, string, bool) {
				if !on.Load() {
					return 0, "", false
				}
				return f(r)
			})
			on.Store(true)
			before := st.Stats()
			w, err := st.Create(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(make([]byte, 3*testPartSize))
			if ents, _ := os.ReadDir(spool); len(ents) != 1 {
				t.Errorf("spool dir has %d files while writing, want 1", len(ents))
			}
			err = w.Commit()
			on.Store(false)
			if err == nil || !strings.HasPrefix(err.Error(), "commit "+st.URI(key)+": ") {
				t.Fatalf("Commit with a failing multipart step: %v", err)
			}
			if d := st.Stats().Sub(before); d.Delete != 1 {
				t.Errorf("Stats %+v: want one DELETE, the AbortMultipartUpload", d)
			}
			if n := pendingUploads(t, srv, "root/"+key); n != 0 {
				t.Errorf("%d multipart uploads left pending after a failed Commit", n)
			}
			if _, err := st.Stat(ctx, key); !errors.Is(err, objstore.ErrNotFound) {
				t.Errorf("Stat after a failed Commit: %v", err)
			}
			if ents, _ := os.ReadDir(spool); len(ents) != 0 {
				t.Errorf("spool files left behind: %v", ents)
			}
		}
	})
}

func TestS3SpoolFilesRemoved(t *testing.T) {
	srv := s3test.Start(t)
	spool := t.TempDir()
	st, _ := newS3Store(t, srv, "root/", func(o *objstore.S3Options) { o.TempDir = spool })
	ctx := context.Background()
	for _, commit := range []bool{true, false} {
		w, err := st.Create(ctx, "k")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("data"))
		if ents, _ := os.ReadDir(spool); len(ents) != 1 {
			t.Errorf("spool dir has %d files while writing, want 1", len(ents))
		}
		if commit {
			err = w.Commit()
		} else {
			err = w.Abort()
		}
		if err != nil {
			t.Fatal(err)
		}
		if ents, _ := os.ReadDir(spool); len(ents) != 0 {
			t.Errorf("commit=%v: spool files left: %v", commit, ents)
		}
	}
}

func TestS3ConditionalConflict(t *testing.T) {
	srv := s3test.Start(t)
	ctx := context.Background()
	st, _ := newS3Store(t, srv, "root/", func(o *objstore.S3Options) { o.MaxRetries = 1 })
	var conflicts atomic.Int32
	srv.Inject(func(r *http.Request) (int, string, bool) {
		if s3test.Op(r, srv.Bucket) == "PutObject" && r.Header.Get("If-None-Match") == "*" && conflicts.Add(-1) >= 0 {
			return 409, s3test.ErrorBody("ConditionalRequestConflict", "injected"), true
		}
		return 0, "", false
	})
	conflicts.Store(1) // one 409, then the retry goes through
	if err := st.PutIfAbsent(ctx, "lock", []byte("mine")); err != nil {
		t.Fatalf("PutIfAbsent after one 409: %v", err)
	}
	if st.Stats().Put != 2 || string(read(t, st, "lock")) != "mine" {
		t.Errorf("Stats %+v", st.Stats())
	}
	conflicts.Store(2) // 409 on every attempt
	if err := st.PutIfAbsent(ctx, "lock2", []byte("x")); !errors.Is(err, objstore.ErrExists) {
		t.Errorf("PutIfAbsent with 409 throughout: %v, want ErrExists", err)
	}
	// Without an injected conflict, the server's own 412 is ErrExists.
	if err := st.PutIfAbsent(ctx, "lock", []byte("again")); !errors.Is(err, objstore.ErrExists) || !strings.HasPrefix(err.Error(), "put "+st.URI("lock")+": ") {
		t.Errorf("PutIfAbsent over an object: %v", err)
	}
}

func TestS3CredentialsNeverInErrors(t *testing.T) {
	const secret, token = "trailhouse-SECRET-Zq8v1K", "trailhouse-TOKEN-Xy9wR"
	check := func(t *testing.T, what string, s string) {
		t.Helper()
		if strings.Contains(s, secret) || strings.Contains(s, token) {
			t.Errorf("%s shows a credential: %s", what, s)
		}
	}
	opts := objstore.S3Options{Bucket: "b-1", AccessKeyID: "AKIAEXAMPLE", SecretAccessKey: secret, SessionToken: token}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		check(t, "options formatted with "+f, fmt.Sprintf(f, opts))
	}
	if !strings.Contains(fmt.Sprint(opts), "b-1") {
		t.Errorf("String() = %s, want the bucket shown", opts)
	}
	_, err := objstore.NewS3(context.Background(), objstore.S3Options{Bucket: "b-1", EndpointURL: "http://user:" + secret + "@127.0.0.1:1"})
	if err == nil {
		t.Error("endpoint with credentials accepted")
	} else {
		check(t, "NewS3 error", err.Error())
	}

	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		var errs []error
		if srv.Kind == "minio" {
			// A wrong secret: every request is refused, and says so.
			st, _ := newS3Store(t, srv, "root/", func(o *objstore.S3Options) { o.SecretAccessKey = secret; o.SessionToken = ""; o.MaxRetries = -1 })
			errs = append(errs, st.List(ctx, "", func(objstore.Object) error { return nil }))
			_, err := st.Stat(ctx, "k")
			errs = append(errs, err)
			_, err = st.Open(ctx, "k")
			errs = append(errs, err)
			errs = append(errs, st.PutIfAbsent(ctx, "k", []byte("x")))
			w, _ := st.Create(ctx, "k")
			w.Write([]byte("x"))
			errs = append(errs, w.Commit())
			for i, err := range errs {
				if err == nil {
					t.Errorf("request %d with a wrong secret succeeded", i)
				}
			}
			if !strings.Contains(fmt.Sprint(errs[0]), "SignatureDoesNotMatch") {
				t.Errorf("List with a wrong secret: %v, want SignatureDoesNotMatch", errs[0])
			}
		} else {
			// gofakes3 checks no signatures: collect the errors of failures.
			st, _ := newS3Store(t, srv, "root/", func(o *objstore.S3Options) { o.SecretAccessKey = secret; o.SessionToken = token; o.MaxRetries = 1 })
			_, err := st.Open(ctx, "missing")
			errs = append(errs, err)
			srv.Inject(s3test.FailFirst(srv, -1, "PutObject", 500, "InternalError"))
			srv.Inject(s3test.FailFirst(srv, -1, "HeadObject", 403, "AccessDenied"))
			errs = append(errs, st.PutIfAbsent(ctx, "k", []byte("x")))
			_, err = st.Stat(ctx, "k")
			errs = append(errs, err)
			_, err = st.Open(ctx, "../k")
			errs = append(errs, err)
			for i, err := range errs {
				if err == nil {
					t.Errorf("failure %d did not fail", i)
				}
			}
		}
		for _, err := range errs {
			if err != nil {
				check(t, "error", err.Error())
				check(t, "error", fmt.Sprintf("%+v", err))
			}
		}
	})
}

func TestS3ParseURIAndOpen(t *testing.T) {
	for _, c := range []struct{ uri, bucket, prefix, err string }{
		{"s3://my-bucket", "my-bucket", "", ""},
		{"s3://my-bucket/", "my-bucket", "", ""},
		{"s3://my-bucket/logs", "my-bucket", "logs/", ""},
		{"s3://my-bucket/AWSLogs/o-abc/", "my-bucket", "AWSLogs/o-abc/", ""},
		{"s3://", "", "", "bucket name"},
		{"s3://My_Bucket!/x", "", "", "bucket name"},
		{"s3://b-1/../x", "", "", "invalid object key"},
		{"s3://b-1/a//b", "", "", "invalid object key"},
		{"/local/path", "", "", "not an s3:// URI"},
	} {
		b, p, err := objstore.ParseURI(c.uri)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseURI(%q) = %q, %q, %v; want an error about %s", c.uri, b, p, err, c.err)
			}
			continue
		}
		if err != nil || b != c.bucket || p != c.prefix {
			t.Errorf("ParseURI(%q) = %q, %q, %v; want %q, %q", c.uri, b, p, err, c.bucket, c.prefix)
		}
	}

	ctx := context.Background()
	srv := s3test.Start(t)
	st, err := objstore.Open(ctx, "s3://"+srv.Bucket+"/lake", srv.Options("ignored/"))
	if err != nil {
		t.Fatal(err)
	}
	s3s, ok := st.(*objstore.S3)
	if !ok || s3s.Bucket() != srv.Bucket || s3s.Prefix() != "lake/" || st.URI("a/b") != "s3://"+srv.Bucket+"/lake/a/b" {
		t.Fatalf("Open(s3://…) = %T %v", st, st.URI("a/b"))
	}
	put(t, st, "a/b", []byte("x"))
	if _, err := srv.Client().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(srv.Bucket), Key: aws.String("lake/a/b")}); err != nil {
		t.Errorf("object not under the URI's prefix: %v", err)
	}
	dir := t.TempDir()
	st, err = objstore.Open(ctx, dir, objstore.S3Options{})
	if d, ok := st.(*objstore.Dir); err != nil || !ok || d.Root() != dir {
		t.Errorf("Open(%s) = %T, %v; want a Dir", dir, st, err)
	}
	if _, err := objstore.Open(ctx, "gs://bucket/x", objstore.S3Options{}); err == nil || !strings.Contains(err.Error(), "unsupported scheme") {
		t.Errorf("Open(gs://…): %v", err)
	}
	if _, err := objstore.Open(ctx, path.Join(dir, "a:b"), objstore.S3Options{}); err != nil {
		t.Errorf("a local path with a colon: %v", err)
	}
}

func TestS3NewErrors(t *testing.T) {
	ctx := context.Background()
	for _, o := range []objstore.S3Options{
		{},
		{Bucket: "UPPER"},
		{Bucket: "b-1", Prefix: "../x"},
		{Bucket: "b-1", Prefix: "/abs"},
		{Bucket: "b-1", EndpointURL: "ftp://host"},
		{Bucket: "b-1", EndpointURL: "127.0.0.1:9000"},
	} {
		if _, err := objstore.NewS3(ctx, o); err == nil {
			t.Errorf("NewS3(%v) succeeded", o)
		}
	}
}
