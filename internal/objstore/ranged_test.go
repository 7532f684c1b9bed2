package objstore_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
)

// checkRangeReader checks the RangeReader contract on an empty store.
func checkRangeReader(t *testing.T, s objstore.Store) {
	ctx := context.Background()
	rr, ok := s.(objstore.RangeReader)
	if !ok {
		t.Fatalf("%T does not implement RangeReader", s)
	}
	data := make([]byte, 1000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	w, err := s.Create(ctx, "p/f.parquet")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, r := range [][2]int64{{0, 10}, {990, 10}, {500, 300}, {0, 1000}, {999, 1}} {
		before := s.Stats().Get
		got, err := rr.ReadRange(ctx, "p/f.parquet", r[0], r[1])
		if err != nil {
			t.Fatalf("range %v: %v", r, err)
		}
		if !bytes.Equal(got, data[r[0]:r[0]+r[1]]) {
			t.Errorf("range %v: wrong bytes", r)
		}
		if n := s.Stats().Get - before; n != 1 {
			t.Errorf("range %v: %d GET requests, want 1", r, n)
		}
	}
	for _, r := range [][2]int64{{995, 10}, {1000, 5}, {2000, 1}} {
		if _, err := rr.ReadRange(ctx, "p/f.parquet", r[0], r[1]); !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("range %v past the end: got %v, want io.ErrUnexpectedEOF", r, err)
		}
	}
	if _, err := rr.ReadRange(ctx, "p/missing", 0, 1); !errors.Is(err, objstore.ErrNotFound) {
		t.Errorf("missing object: got %v, want ErrNotFound", err)
	}
	if _, err := rr.ReadRange(ctx, "../x", 0, 1); !errors.Is(err, objstore.ErrBadKey) {
		t.Errorf("bad key: got %v, want ErrBadKey", err)
	}
}

func TestDirRangeReader(t *testing.T) {
	d, err := objstore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkRangeReader(t, d)
}

func TestS3RangeReader(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *s3test.Server) {
		s, _ := newS3Store(t, srv, "ranged/root/", nil)
		checkRangeReader(t, s)
	})
}
