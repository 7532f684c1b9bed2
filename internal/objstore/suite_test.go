package objstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// suiteStore is a store under test with what the suite must know about it.
type suiteStore struct {
	objstore.Store
	// pageSize is the LIST page size, 0 if List is a single request.
	pageSize int
	// threshold and partSize describe multipart uploads; 0 if none.
	threshold, partSize int64
	// raw lists everything physically under the store's root, temporary
	// files and pending multipart uploads included ("upload:KEY").
	raw func(t *testing.T) []string
	// requests counts requests that reached the server; nil for no server.
	requests func() int64
}

// putsFor is how many PUT requests Commit of size bytes makes.
func (s suiteStore) putsFor(size int64) int64 {
	if s.threshold == 0 || size <= s.threshold {
		return 1
	}
	return (size+s.partSize-1)/s.partSize + 2 // parts + create + complete
}

// listsFor is how many LIST requests a listing of n keys makes.
func (s suiteStore) listsFor(n int) int64 {
	if s.pageSize == 0 || n == 0 {
		return 1
	}
	return int64((n + s.pageSize - 1) / s.pageSize)
}

// runStoreSuite checks the whole Store contract on stores newStore makes;
// each subtest gets a new, empty store.
func runStoreSuite(t *testing.T, newStore func(t *testing.T) suiteStore) {
	ctx := context.Background()
	t.Run("ListLexicalOrderPaginated", func(t *testing.T) {
		s := newStore(t)
		keys := []string{"a/b", "a-b", "a.b", "a0", "A", "a b", "é/x", "~x", "z/z/z", "AWSLogs/1/x.json.gz", "_x"}
		for i := range 37 {
			keys = append(keys, fmt.Sprintf("n/%03d", i*7%37))
		}
		rnd := rand.New(rand.NewPCG(1, 2))
		rnd.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		for _, k := range keys {
			put(t, s, k, []byte("content of "+k))
		}
		want := slices.Clone(keys)
		sort.Strings(want)
		before := s.Stats()
		got := listKeys(t, s, "")
		if !slices.Equal(got, want) {
			t.Fatalf("List order:\n got %q\nwant %q", got, want)
		}
		if d := s.Stats().Sub(before).List; d != s.listsFor(len(keys)) {
			t.Errorf("List of %d keys with page size %d made %d LIST requests, want %d", len(keys), s.pageSize, d, s.listsFor(len(keys)))
		}
		// A prefix that is not a directory, and one that is.
		if got, want := listKeys(t, s, "a"), []string{"a b", "a-b", "a.b", "a/b", "a0"}; !slices.Equal(got, want) {
			t.Errorf(`List("a") = %q, want %q`, got, want)
		}
		if got := listKeys(t, s, "n/"); len(got) != 37 || got[0] != "n/000" || got[36] != "n/036" {
			t.Errorf(`List("n/") = %q, want n/000..n/036`, got)
		}
		if got := listKeys(t, s, "nothing/"); len(got) != 0 {
			t.Errorf(`List("nothing/") = %q, want none`, got)
		}
		// fn's error stops the listing and is returned as is.
		stop := errors.New("stop")
		var n int
		err := s.List(ctx, "", func(objstore.Object) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		})
		if err != stop || n != 3 {
			t.Errorf("List with fn failing at 3: err %v after %d calls, want stop after 3", err, n)
		}
		// Sizes come with the keys.
		err = s.List(ctx, "a/", func(o objstore.Object) error {
			if o.Key != "a/b" || o.Size != int64(len("content of a/b")) || o.ModTime.IsZero() {
				t.Errorf("List object %+v", o)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ListRequestCount", func(t *testing.T) {
		s := newStore(t)
		// Not, and exactly, a multiple of the test page size 5. When the
		// last page is full, a server may say it is truncated and answer
		// the next request with an empty page: gofakes3 and MinIO do, if
		// other keys follow the prefix in the bucket. So an exact multiple
		// may cost one LIST more.
		for i, n := range []int{23, 20} {
			prefix := fmt.Sprintf("count%d-%d/", i, n)
			for i := range n {
				put(t, s, fmt.Sprintf("%sk%02d", prefix, i), []byte{byte(i)})
			}
			before := s.Stats()
			if got := listKeys(t, s, prefix); len(got) != n {
				t.Fatalf("listed %d keys, want %d", len(got), n)
			}
			d := s.Stats().Sub(before).List
			if d != s.listsFor(n) && !(s.pageSize > 0 && n%s.pageSize == 0 && d == s.listsFor(n)+1) {
				t.Errorf("List over %d keys, page size %d: %d LIST requests, want %d", n, s.pageSize, d, s.listsFor(n))
			}
		}
	})

	t.Run("ListDirs", func(t *testing.T) {
		s := newStore(t)
		for _, k := range []string{
			"AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/a.json.gz",
			"AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/b.json.gz",
			"AWSLogs/111122223333/CloudTrail/eu-west-1/2026/01/01/c.json.gz",
			"AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/01/d.json.gz",
			"AWSLogs/444455556666/CloudTrail/ap-south-1/2026/01/01/e.json.gz",
			"AWSLogs/top-level-file.txt",
			"README",
		} {
			put(t, s, k, []byte("x"))
		}
		for i := range 12 { // more directories than a page holds
			put(t, s, fmt.Sprintf("many/d%02d/f", 11-i), []byte("x"))
			put(t, s, fmt.Sprintf("many/file%02d", i), []byte("x"))
		}
		for prefix, want := range map[string][]string{
			"":                                 {"AWSLogs/", "many/"},
			"AWSLogs/":                         {"AWSLogs/111122223333/", "AWSLogs/444455556666/"},
			"AWSLogs/111122223333/":            {"AWSLogs/111122223333/CloudTrail-Digest/", "AWSLogs/111122223333/CloudTrail/"},
			"AWSLogs/111122223333/CloudTrail/": {"AWSLogs/111122223333/CloudTrail/eu-west-1/", "AWSLogs/111122223333/CloudTrail/us-east-1/"},
			"AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/":    {"AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/", "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/"},
			"AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/": nil,
			"missing/": nil,
		} {
			if got := listDirs(t, s, prefix); !slices.Equal(got, want) {
				t.Errorf("ListDirs(%q) = %q, want %q", prefix, got, want)
			}
		}
		var want []string
		for i := range 12 {
			want = append(want, fmt.Sprintf("many/d%02d/", i))
		}
		if got := listDirs(t, s, "many/"); !slices.Equal(got, want) {
			t.Errorf("ListDirs(many/) = %q, want %q", got, want)
		}
		if err := s.ListDirs(ctx, "AWSLogs", func(string) error { return nil }); !errors.Is(err, objstore.ErrBadKey) {
			t.Errorf("ListDirs without a trailing slash: %v, want ErrBadKey", err)
		}

		// ListFiles: the objects of the same level, nothing below.
		var files []string
		for i := range 12 {
			files = append(files, fmt.Sprintf("many/file%02d", i))
		}
		for prefix, want := range map[string][]string{
			"":         {"README"},
			"AWSLogs/": {"AWSLogs/top-level-file.txt"},
			"AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/": {"AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/a.json.gz"},
			"AWSLogs/111122223333/CloudTrail/":                      nil,
			"many/":                                                 files,
			"missing/":                                              nil,
		} {
			var got []string
			if err := s.ListFiles(ctx, prefix, func(o objstore.Object) error {
				if o.Size != 1 {
					t.Errorf("ListFiles(%q): %s has size %d, want 1", prefix, o.Key, o.Size)
				}
				got = append(got, o.Key)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("ListFiles(%q) = %q, want %q", prefix, got, want)
			}
		}
		if err := s.ListFiles(ctx, "AWSLogs", func(objstore.Object) error { return nil }); !errors.Is(err, objstore.ErrBadKey) {
			t.Errorf("ListFiles without a trailing slash: %v, want ErrBadKey", err)
		}
	})

	t.Run("MissingKeys", func(t *testing.T) {
		s := newStore(t)
		put(t, s, "there/x", []byte("x"))
		for _, k := range []string{"nope", "there/y", "there", "there/x/y"} {
			_, err := s.Stat(ctx, k)
			if !errors.Is(err, objstore.ErrNotFound) || !strings.Contains(err.Error(), s.URI(k)) {
				t.Errorf("Stat(%q): %v, want ErrNotFound naming %s", k, err, s.URI(k))
			}
			rc, err := s.Open(ctx, k)
			if err == nil {
				rc.Close()
			}
			if !errors.Is(err, objstore.ErrNotFound) || !strings.Contains(err.Error(), s.URI(k)) {
				t.Errorf("Open(%q): %v, want ErrNotFound naming %s", k, err, s.URI(k))
			}
		}
	})

	t.Run("CommitVisibilityAndReplace", func(t *testing.T) {
		s := newStore(t)
		w, err := s.Create(ctx, "v/obj")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, "first version"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(ctx, "v/obj"); !errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Stat before Commit: %v, want ErrNotFound", err)
		}
		if got := listKeys(t, s, ""); len(got) != 0 {
			t.Errorf("List before Commit: %q, want nothing", got)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := w.Commit(); err == nil {
			t.Error("second Commit succeeded")
		}
		if err := w.Abort(); err != nil {
			t.Errorf("Abort after Commit: %v, want nil", err)
		}
		if got := string(read(t, s, "v/obj")); got != "first version" {
			t.Errorf("read %q", got)
		}
		o, err := s.Stat(ctx, "v/obj")
		if err != nil || o.Key != "v/obj" || o.Size != int64(len("first version")) || o.ModTime.IsZero() {
			t.Errorf("Stat = %+v, %v", o, err)
		}

		// Replace: the old object stays until the new one commits.
		w, err = s.Create(ctx, "v/obj")
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "second, longer version")
		if got := string(read(t, s, "v/obj")); got != "first version" {
			t.Errorf("before the replacing Commit: read %q", got)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := string(read(t, s, "v/obj")); got != "second, longer version" {
			t.Errorf("after the replacing Commit: read %q", got)
		}
		if got := listKeys(t, s, ""); !slices.Equal(got, []string{"v/obj"}) {
			t.Errorf("List = %q, want one object", got)
		}
		if s.raw != nil {
			if got := s.raw(t); !slices.Equal(got, []string{"v/obj"}) {
				t.Errorf("stored under the root: %q, want only v/obj", got)
			}
		}
	})

	t.Run("ReaderSeesOldOrNew", func(t *testing.T) {
		s := newStore(t)
		old := bytes.Repeat([]byte("old-"), 1<<20) // 4 MiB, more than transport buffers
		put(t, s, "r/obj", old)
		rc, err := s.Open(ctx, "r/obj")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		head := make([]byte, 1024)
		if _, err := io.ReadFull(rc, head); err != nil {
			t.Fatal(err)
		}
		committed := make(chan error, 1)
		go func() {
			w, err := s.Create(ctx, "r/obj")
			if err == nil {
				w.Write(bytes.Repeat([]byte("NEW!"), 1<<20))
				err = w.Commit()
			}
			committed <- err
		}()
		select { // the replacement may wait for the reader on some servers
		case err := <-committed:
			if err != nil {
				t.Fatal(err)
			}
			committed <- nil
		case <-time.After(2 * time.Second):
		}
		rest, err := io.ReadAll(rc)
		if err == nil && !bytes.Equal(append(head, rest...), old) {
			t.Errorf("a reader opened before a replace read a mix of old and new content")
		}
		rc.Close()
		if err := <-committed; err != nil {
			t.Fatal(err)
		}
		if got := read(t, s, "r/obj"); !bytes.Equal(got[:8], []byte("NEW!NEW!")) {
			t.Errorf("after replace read %q…", got[:8])
		}
	})

	t.Run("AbortLeavesNoTrace", func(t *testing.T) {
		s := newStore(t)
		put(t, s, "keep", []byte("kept"))
		sizes := []int64{0, 10}
		if s.threshold > 0 {
			sizes = append(sizes, s.threshold+1)
		}
		for i, size := range sizes {
			key := fmt.Sprintf("ab/%d", i)
			w, err := s.Create(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(make([]byte, size)); err != nil {
				t.Fatal(err)
			}
			if err := w.Abort(); err != nil {
				t.Fatalf("Abort: %v", err)
			}
			if err := w.Abort(); err != nil {
				t.Errorf("second Abort: %v", err)
			}
			if err := w.Commit(); err == nil {
				t.Error("Commit after Abort succeeded")
			}
			if _, err := s.Stat(ctx, key); !errors.Is(err, objstore.ErrNotFound) {
				t.Errorf("Stat after Abort: %v, want ErrNotFound", err)
			}
		}
		if got := listKeys(t, s, ""); !slices.Equal(got, []string{"keep"}) {
			t.Errorf("List after Abort = %q, want only keep", got)
		}
		if s.raw != nil {
			if got := s.raw(t); !slices.Equal(got, []string{"keep"}) {
				t.Errorf("stored under the root after Abort: %q, want only keep", got)
			}
		}
	})

	t.Run("LargeObject", func(t *testing.T) {
		s := newStore(t)
		size := int64(3<<20 + 12345)
		if s.threshold > 0 {
			size = 2*s.partSize + 12345 // three parts, the last one short
		}
		data := make([]byte, size)
		rnd := rand.New(rand.NewPCG(3, 4))
		for i := range data {
			data[i] = byte(rnd.Uint32())
		}
		before := s.Stats()
		w, err := s.Create(ctx, "big/object.parquet")
		if err != nil {
			t.Fatal(err)
		}
		for off := 0; off < len(data); off += 100_000 { // many small writes
			if _, err := w.Write(data[off:min(off+100_000, len(data))]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Stat(ctx, "big/object.parquet"); !errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Stat before Commit: %v, want ErrNotFound", err)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		d := s.Stats().Sub(before)
		if d.Put != s.putsFor(size) || d.BytesWritten != size {
			t.Errorf("Commit of %d bytes: %d PUTs and %d bytes written, want %d and %d", size, d.Put, d.BytesWritten, s.putsFor(size), size)
		}
		o, err := s.Stat(ctx, "big/object.parquet")
		if err != nil || o.Size != size {
			t.Fatalf("Stat = %+v, %v", o, err)
		}
		if got := read(t, s, "big/object.parquet"); sha256.Sum256(got) != sha256.Sum256(data) {
			t.Errorf("read back %d bytes that differ from the %d written", len(got), len(data))
		}
		if s.raw != nil {
			if got := s.raw(t); !slices.Equal(got, []string{"big/object.parquet"}) {
				t.Errorf("stored under the root: %q", got)
			}
		}
	})

	t.Run("ZeroBytes", func(t *testing.T) {
		s := newStore(t)
		put(t, s, "empty/committed", nil)
		if err := s.PutIfAbsent(ctx, "empty/put", nil); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"empty/committed", "empty/put"} {
			if o, err := s.Stat(ctx, k); err != nil || o.Size != 0 {
				t.Errorf("Stat(%s) = %+v, %v", k, o, err)
			}
			if got := read(t, s, k); len(got) != 0 {
				t.Errorf("read %q", got)
			}
		}
		if got := listKeys(t, s, "empty/"); len(got) != 2 {
			t.Errorf("List = %q", got)
		}
	})

	t.Run("PutIfAbsentRace", func(t *testing.T) {
		s := newStore(t)
		for round := range 3 {
			key := fmt.Sprintf("locks/run-%d.json", round)
			const n = 20
			errs := make([]error, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				wg.Go(func() {
					<-start
					errs[i] = s.PutIfAbsent(ctx, key, []byte(fmt.Sprintf(`{"writer":%d}`, i)))
				})
			}
			close(start)
			wg.Wait()
			winner := -1
			for i, err := range errs {
				switch {
				case err == nil && winner >= 0:
					t.Errorf("round %d: writers %d and %d both succeeded", round, winner, i)
				case err == nil:
					winner = i
				case !errors.Is(err, objstore.ErrExists):
					t.Errorf("round %d: writer %d: %v, want ErrExists", round, i, err)
				case !strings.Contains(err.Error(), s.URI(key)):
					t.Errorf("error %q does not name %s", err, s.URI(key))
				}
			}
			if winner < 0 {
				t.Fatalf("round %d: no writer succeeded", round)
			}
			if got, want := string(read(t, s, key)), fmt.Sprintf(`{"writer":%d}`, winner); got != want {
				t.Errorf("round %d: stored %q, want the winner's %q", round, got, want)
			}
		}
		// An object committed through Create counts as present too.
		put(t, s, "locks/committed", []byte("c"))
		if err := s.PutIfAbsent(ctx, "locks/committed", []byte("p")); !errors.Is(err, objstore.ErrExists) {
			t.Errorf("PutIfAbsent over a committed object: %v, want ErrExists", err)
		}
		if got := string(read(t, s, "locks/committed")); got != "c" {
			t.Errorf("PutIfAbsent that failed changed the object to %q", got)
		}
	})

	t.Run("Delete", func(t *testing.T) {
		s := newStore(t)
		if err := s.Delete(ctx, "never/there"); err != nil {
			t.Errorf("Delete of a missing key: %v", err)
		}
		put(t, s, "d/x", []byte("x"))
		put(t, s, "d/y", []byte("y"))
		if err := s.Delete(ctx, "d/x"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(ctx, "d/x"); !errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Stat after Delete: %v", err)
		}
		if got := listKeys(t, s, ""); !slices.Equal(got, []string{"d/y"}) {
			t.Errorf("List after Delete = %q", got)
		}
		if err := s.Delete(ctx, "d/x"); err != nil {
			t.Errorf("second Delete: %v", err)
		}
	})

	t.Run("Stats", func(t *testing.T) {
		s := newStore(t)
		before := s.Stats()
		put(t, s, "s/a", []byte("hello"))
		if err := s.PutIfAbsent(ctx, "s/b", []byte("world!")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(ctx, "s/a"); err != nil {
			t.Fatal(err)
		}
		_ = read(t, s, "s/a")
		_ = read(t, s, "s/b")
		_ = listKeys(t, s, "s/")
		if err := s.Delete(ctx, "s/a"); err != nil {
			t.Fatal(err)
		}
		got := s.Stats().Sub(before)
		want := objstore.Stats{List: 1, Get: 2, Head: 1, Put: 2, Delete: 1, BytesRead: 11, BytesWritten: 11}
		if got != want {
			t.Errorf("Stats = %+v, want %+v", got, want)
		}
	})

	t.Run("HostileKeysRejectedBeforeAnyRequest", func(t *testing.T) {
		s := newStore(t)
		before := s.Stats()
		var reqs int64
		if s.requests != nil {
			reqs = s.requests()
		}
		bad := []string{"", "../x", "/abs", "a//b", "a/./b", "a/..", "..", ".", "a/", `a\b`, "a\x00b"}
		for _, k := range bad {
			check := func(op string, err error) {
				t.Helper()
				if !errors.Is(err, objstore.ErrBadKey) {
					t.Errorf("%s(%q): %v, want ErrBadKey", op, k, err)
				}
			}
			_, err := s.Stat(ctx, k)
			check("Stat", err)
			_, err = s.Open(ctx, k)
			check("Open", err)
			_, err = s.Create(ctx, k)
			check("Create", err)
			check("PutIfAbsent", s.PutIfAbsent(ctx, k, []byte("x")))
			check("Delete", s.Delete(ctx, k))
		}
		for _, p := range []string{"../", "/abs/", "a//b/", "../x"} {
			if err := s.List(ctx, p, func(objstore.Object) error { return nil }); !errors.Is(err, objstore.ErrBadKey) {
				t.Errorf("List(%q): %v, want ErrBadKey", p, err)
			}
			if err := s.ListDirs(ctx, p, func(string) error { return nil }); !errors.Is(err, objstore.ErrBadKey) {
				t.Errorf("ListDirs(%q): %v, want ErrBadKey", p, err)
			}
		}
		if d := s.Stats().Sub(before); d != (objstore.Stats{}) {
			t.Errorf("hostile keys counted requests: %+v", d)
		}
		if s.requests != nil && s.requests() != reqs {
			t.Errorf("hostile keys sent %d requests to the server", s.requests()-reqs)
		}
	})

	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore(t)
		put(t, s, "c/x", []byte("x"))
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := s.List(cctx, "", func(objstore.Object) error { return nil }); !errors.Is(err, context.Canceled) {
			t.Errorf("List with a cancelled context: %v, want context.Canceled", err)
		}
	})
}

func put(t *testing.T, s objstore.Store, key string, data []byte) {
	t.Helper()
	w, err := s.Create(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, s objstore.Store, key string) []byte {
	t.Helper()
	rc, err := s.Open(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return b
}

func listKeys(t *testing.T, s objstore.Store, prefix string) []string {
	t.Helper()
	var keys []string
	if err := s.List(context.Background(), prefix, func(o objstore.Object) error {
		keys = append(keys, o.Key)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return keys
}

func listDirs(t *testing.T, s objstore.Store, prefix string) []string {
	t.Helper()
	var dirs []string
	if err := s.ListDirs(context.Background(), prefix, func(d string) error {
		dirs = append(dirs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return dirs
}
