package s3test_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/trailhouse/trailhouse/internal/s3test"
)

func eachServer(t *testing.T, fn func(t *testing.T, srv *s3test.Server)) {
	t.Run("gofakes3", func(t *testing.T) { fn(t, s3test.Start(t)) })
	t.Run("MinIO", func(t *testing.T) { fn(t, s3test.StartMinIO(t)) })
}

// The server itself (no precondition layer of ours) refuses a second
// "If-None-Match: *" PUT, and of concurrent ones lets exactly one through.
func TestS3ServerConditionalPut(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		c := srv.Client()
		putIfAbsent := func(key, body string) error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{
				Bucket: aws.String(srv.Bucket), Key: aws.String(key),
				Body: strings.NewReader(body), IfNoneMatch: aws.String("*"),
			})
			return err
		}
		if err := putIfAbsent("k", "first"); err != nil {
			t.Fatal(err)
		}
		err := putIfAbsent("k", "second")
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "PreconditionFailed" {
			t.Fatalf("second conditional PUT: %v, want PreconditionFailed", err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 20)
		for i := range errs {
			wg.Go(func() { errs[i] = putIfAbsent("race", "x") })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			}
		}
		if won != 1 {
			t.Errorf("%d of 20 concurrent conditional PUTs succeeded, want 1", won)
		}
	})
}

// Op names what the SDK sends, Inject answers instead of the server, and
// Count counts both.
func TestS3ServerOpsInjectCount(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		c := srv.Client()
		b := aws.String(srv.Bucket)
		var seen []string
		var mu sync.Mutex
		srv.Inject(func(r *http.Request) (int, string, bool) {
			mu.Lock()
			seen = append(seen, s3test.Op(r, srv.Bucket)+" "+s3test.Key(r, srv.Bucket))
			mu.Unlock()
			return 0, "", false
		})
		must := func(_ any, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("dir/a b"), Body: strings.NewReader("x")}))
		must(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: aws.String("dir/a b")}))
		must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("dir/a b")}))
		must(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: b}))
		cr, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("m")})
		must(cr, err)
		part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: aws.String("m"), UploadId: cr.UploadId, PartNumber: aws.Int32(1), Body: bytes.NewReader([]byte("p"))})
		must(part, err)
		must(c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: b}))
		must(c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: aws.String("m"), UploadId: cr.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}}))
		cr, err = c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("m2")})
		must(cr, err)
		must(c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: b, Key: aws.String("m2"), UploadId: cr.UploadId}))
		must(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String("dir/a b")}))
		want := []string{"PutObject dir/a b", "HeadObject dir/a b", "GetObject dir/a b", "ListObjectsV2 ",
			"CreateMultipartUpload m", "UploadPart m", "ListMultipartUploads ", "CompleteMultipartUpload m",
			"CreateMultipartUpload m2", "AbortMultipartUpload m2", "DeleteObject dir/a b"}
		if strings.Join(seen, "|") != strings.Join(want, "|") {
			t.Errorf("Op/Key saw\n %q\nwant\n %q", seen, want)
		}
		if n := srv.Count("CreateMultipartUpload"); n != 2 {
			t.Errorf("Count(CreateMultipartUpload) = %d, want 2", n)
		}

		before := srv.Count("GetObject")
		srv.Inject(s3test.FailFirst(srv, 1, "GetObject", 503, "SlowDown"))
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("m")})
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "SlowDown" {
			t.Errorf("injected GET: %v, want SlowDown", err)
		}
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("m")})
		if err != nil {
			t.Fatalf("GET after the one injected failure: %v", err)
		}
		body, _ := io.ReadAll(out.Body)
		out.Body.Close()
		if string(body) != "p" {
			t.Errorf("read %q", body)
		}
		if n := srv.Count("GetObject") - before; n != 2 {
			t.Errorf("Count(GetObject) grew by %d, want 2 (the injected failure counts)", n)
		}
	})
}

func TestMinIOBinaryLookup(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "minio")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(s3test.EnvMinIOBin, bin)
	if got := s3test.MinIOBinary(); got != bin {
		t.Errorf("MinIOBinary() = %q, want $%s %q", got, s3test.EnvMinIOBin, bin)
	}
	t.Setenv(s3test.EnvMinIOBin, filepath.Join(dir, "missing"))
	if got := s3test.MinIOBinary(); got != "" {
		t.Errorf("MinIOBinary() with a missing $%s = %q, want \"\"", s3test.EnvMinIOBin, got)
	}
}

// FailKey fails one object's requests only; CutBody breaks a GET's body
// after a number of bytes, the first n times.
func TestS3ServerFailKeyCutBody(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		ctx := context.Background()
		c := srv.Client()
		b := aws.String(srv.Bucket)
		data := bytes.Repeat([]byte("0123456789"), 10000)
		for _, k := range []string{"a", "b"} {
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String(k), Body: bytes.NewReader(data)}); err != nil {
				t.Fatal(err)
			}
		}
		srv.Inject(s3test.FailKey(srv, 1, "GetObject", "a", 503, "SlowDown"))
		srv.AddFilter(s3test.CutBody(srv, "b", 1000, 1))
		get := func(k string) ([]byte, error) {
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String(k)})
			if err != nil {
				return nil, err
			}
			defer out.Body.Close()
			return io.ReadAll(out.Body)
		}
		var ae smithy.APIError
		if _, err := get("a"); !errors.As(err, &ae) || ae.ErrorCode() != "SlowDown" {
			t.Errorf("first GET of a: %v, want SlowDown", err)
		}
		if got, err := get("b"); err == nil || len(got) != 1000 {
			t.Errorf("first GET of b: %d bytes, %v; want 1000 bytes and an error", len(got), err)
		}
		for _, k := range []string{"a", "b"} {
			if got, err := get(k); err != nil || !bytes.Equal(got, data) {
				t.Errorf("second GET of %s: %d bytes, %v; want all %d", k, len(got), err, len(data))
			}
		}
	})
}
