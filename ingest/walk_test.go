package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
	"github.com/trailhouse/trailhouse/internal/synth"
)

// walkTree generates a bucket with plain and organisation-trail accounts,
// digests and insights, plus a folder of another service, into a local
// directory store.
func walkTree(t testing.TB) *objstore.Dir {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	for _, cfg := range []synth.Config{
		{Accounts: 3, Regions: 3, Days: 3, Events: 3000, Seed: 5, Digests: true, Insights: true},
		{Accounts: 2, Regions: 2, Days: 2, Events: 1000, Seed: 6, OrgID: "o-walk123456"},
	} {
		if _, err := synth.Generate(ctx, cfg, dir, nil); err != nil {
			t.Fatal(err)
		}
	}
	// AWS Config delivers beside CloudTrail, in the same layout.
	accts, err := os.ReadDir(filepath.Join(dir, "AWSLogs"))
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "AWSLogs", accts[0].Name(), "Config", "us-east-1", "2026", "1", "1", "x_ConfigHistory.json.gz")
	if err := os.MkdirAll(filepath.Dir(other), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte("not ours"), 0o644); err != nil {
		t.Fatal(err)
	}
	store, err := objstore.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return store
}

type visit struct{ stream, key string }

// walkAll walks src and returns what fn saw, in order.
func walkAll(t testing.TB, src objstore.Store, prefix string, opt WalkOptions) ([]visit, WalkStats, error) {
	t.Helper()
	var got []visit
	st, err := Walk(context.Background(), src, prefix, opt, func(s Stream, o Object) error {
		got = append(got, visit{s.Prefix, o.Key})
		return nil
	})
	return got, st, err
}

// streamOf returns the stream folder of a key in the layout.
func streamOf(key string) string {
	parts := strings.Split(key, "/")
	i := 1 // after AWSLogs
	if strings.HasPrefix(parts[i], "o-") {
		i++
	}
	return strings.Join(parts[:i+3], "/") + "/" // ACCOUNT/KIND/REGION
}

// TestWalkOrderAndConcurrency checks Walk against a flat listing (the
// log and insight objects under the prefix, in key order, which is what
// the layout's order is) from every level a prefix can name, with 1 to 32
// listings in flight: the same objects, the same order, the same counts.
func TestWalkOrderAndConcurrency(t *testing.T) {
	src := walkTree(t)
	ctx := context.Background()
	var acct, org string
	if err := src.ListDirs(ctx, "AWSLogs/", func(d string) error {
		name := strings.TrimSuffix(strings.TrimPrefix(d, "AWSLogs/"), "/")
		if strings.HasPrefix(name, "o-") {
			org = name
		} else if acct == "" {
			acct = name
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	prefixes := []string{
		"", "AWSLogs/", "AWSLogs/" + org + "/", "AWSLogs/" + acct + "/",
		"AWSLogs/" + acct + "/CloudTrail/", "AWSLogs/" + acct + "/CloudTrail-Insight/",
		"AWSLogs/" + acct + "/CloudTrail/us-east-1/", "AWSLogs/" + acct + "/CloudTrail/us-east-1/2026/01/02/",
	}
	for _, prefix := range prefixes {
		var want []visit
		if err := Discover(ctx, src, prefix, func(o Object) error {
			if o.Info.Kind == Log || o.Info.Kind == Insight {
				want = append(want, visit{streamOf(o.Key), o.Key})
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Fatalf("%q: the tree has no objects there", prefix)
		}
		streams := map[string]bool{}
		for _, v := range want {
			streams[v.stream] = true
		}
		for _, conc := range []int{0, 1, 3, 32} {
			got, st, err := walkAll(t, src, prefix, WalkOptions{Concurrency: conc})
			if err != nil {
				t.Fatalf("%q, concurrency %d: %v", prefix, conc, err)
			}
			if !equalVisits(got, want) {
				t.Fatalf("%q, concurrency %d: walk saw %d objects, the flat listing %d, or in another order\nfirst walked: %v\nfirst listed: %v",
					prefix, conc, len(got), len(want), head(got), head(want))
			}
			if st.Streams != len(streams) || !st.Layout {
				t.Errorf("%q, concurrency %d: stats %+v, want %d streams in the layout", prefix, conc, st, len(streams))
			}
		}
	}
}

// TestWalkSinceInclude checks the day window and the stream filter with
// listings in flight at once: only the days from Since to Until are
// listed, excluded streams are counted and never listed, and Since is
// asked from several goroutines without a race (the race detector runs
// this test).
func TestWalkSinceInclude(t *testing.T) {
	src := walkTree(t)
	ctx := context.Background()
	since := func(s Stream) string {
		if s.Region == "us-east-1" {
			return "" // first sight: every day
		}
		return "2026-01-02"
	}
	include := func(s Stream) bool { return s.Region != "us-west-2" }
	until := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	var want []visit
	excluded := map[string]bool{}
	days := map[string]bool{}
	if err := Discover(ctx, src, "", func(o Object) error {
		if o.Info.Kind != Log && o.Info.Kind != Insight {
			return nil
		}
		s := Stream{Region: o.Info.Region}
		if !include(s) {
			excluded[streamOf(o.Key)] = true
			return nil
		}
		if from := since(s); from != "" && (o.Info.Date < from || o.Info.Date > until.Format(time.DateOnly)) {
			return nil
		}
		want = append(want, visit{streamOf(o.Key), o.Key})
		days[o.Key[:strings.LastIndex(o.Key, "/")]] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(excluded) == 0 {
		t.Fatal("the tree has no us-west-2 stream to exclude")
	}
	var sinceCalls atomic.Int64
	for _, conc := range []int{1, 8} {
		var listed []string
		opt := WalkOptions{
			Since:       func(s Stream) string { sinceCalls.Add(1); return since(s) },
			Until:       until,
			Include:     include,
			Listed:      func(s Stream) { listed = append(listed, s.Prefix) },
			Concurrency: conc,
		}
		got, st, err := walkAll(t, src, "", opt)
		if err != nil {
			t.Fatal(err)
		}
		if !equalVisits(got, want) {
			t.Fatalf("concurrency %d: walk saw %d objects, want %d\nfirst walked: %v\nfirst wanted: %v", conc, len(got), len(want), head(got), head(want))
		}
		if st.StreamsSkipped != len(excluded) {
			t.Errorf("concurrency %d: %d streams skipped, want %d", conc, st.StreamsSkipped, len(excluded))
		}
		if len(listed) != st.Streams {
			t.Errorf("concurrency %d: Listed called %d times for %d streams", conc, len(listed), st.Streams)
		}
		// Streams with a window list each day of it, whether it has objects or
		// not (2026-01-02 only here); the others list the days they have.
		if st.Days < len(days) {
			t.Errorf("concurrency %d: %d days listed, but objects were found in %d", conc, st.Days, len(days))
		}
	}
	if sinceCalls.Load() == 0 {
		t.Fatal("Since was never asked")
	}
}

// failingStore fails every listing of objects under prefix fail, and
// every folder listing under failDirs.
type failingStore struct {
	objstore.Store
	fail, failDirs string
}

func (f failingStore) ListDirs(ctx context.Context, prefix string, fn func(dir string) error) error {
	if f.failDirs != "" && strings.HasPrefix(prefix, f.failDirs) {
		return errListing
	}
	return f.Store.ListDirs(ctx, prefix, fn)
}

var errListing = errors.New("listing refused")

func (f failingStore) List(ctx context.Context, prefix string, fn func(objstore.Object) error) error {
	if strings.HasPrefix(prefix, f.fail) {
		return errListing
	}
	return f.Store.List(ctx, prefix, fn)
}

// TestWalkStops checks that a failed listing and an error from fn stop the
// walk with that error, and that fn has seen exactly the objects before the
// failure, in order, however many listings were in flight.
func TestWalkStops(t *testing.T) {
	src := walkTree(t)
	all, _, err := walkAll(t, src, "", WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The fourth stream's listing fails.
	var streams []string
	for _, v := range all {
		if len(streams) == 0 || streams[len(streams)-1] != v.stream {
			streams = append(streams, v.stream)
		}
	}
	bad := streams[3]
	before := all[:0:0]
	for _, v := range all {
		if v.stream == bad {
			break
		}
		before = append(before, v)
	}
	for _, conc := range []int{1, 8} {
		got, _, err := walkAll(t, failingStore{Store: src, fail: bad}, "", WalkOptions{Concurrency: conc})
		if !errors.Is(err, errListing) {
			t.Fatalf("concurrency %d: err %v, want the listing's", conc, err)
		}
		if !equalVisits(got, before) {
			t.Fatalf("concurrency %d: fn saw %d objects before the failure, want %d", conc, len(got), len(before))
		}

		// A folder listing fails: the account folders are listed before any
		// stream's days, so fn sees nothing.
		acct := strings.Join(strings.Split(bad, "/")[:2], "/") + "/"
		got, _, err = walkAll(t, failingStore{Store: src, failDirs: acct}, "", WalkOptions{Concurrency: conc})
		if !errors.Is(err, errListing) || len(got) != 0 {
			t.Fatalf("concurrency %d: folder listing of %s failed: err %v after %d objects, want the listing's before any", conc, acct, err, len(got))
		}

		stop := errors.New("enough")
		calls := 0
		_, err = Walk(context.Background(), src, "", WalkOptions{Concurrency: conc}, func(Stream, Object) error {
			if calls++; calls == 10 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || calls != 10 {
			t.Fatalf("concurrency %d: err %v after %d calls, want fn's error after 10", conc, err, calls)
		}
	}
}

func equalVisits(a, b []visit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func head(v []visit) []visit { return v[:min(len(v), 3)] }

// BenchmarkWalkS3 walks a bucket of 40 streams of 3 days in the in-process
// S3 server with a delay before every LIST, as a distant endpoint has:
// concurrency 1 is how Walk listed before it listed folders side by side;
// 16 is the S3 default. TRAILHOUSE_BENCH_LIST_LATENCY sets the delay
// (default 20ms). docs/benchmarks.md has the figures.
func BenchmarkWalkS3(b *testing.B) {
	latency := s3test.EnvLatency(b, "TRAILHOUSE_BENCH_LIST_LATENCY", 20*time.Millisecond)
	ctx := context.Background()
	dir := b.TempDir()
	if _, err := synth.Generate(ctx, synth.Config{Accounts: 10, Regions: 4, Days: 3, Events: 4000, Seed: 7}, dir, nil); err != nil {
		b.Fatal(err)
	}
	srv := s3test.Start(b)
	src := srv.Store(b, "trail/")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		return src.PutIfAbsent(ctx, filepath.ToSlash(rel), data)
	})
	if err != nil {
		b.Fatal(err)
	}
	srv.Inject(s3test.Latency(srv, "ListObjectsV2", latency))
	for _, conc := range []int{1, 16, 64} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			before := src.Stats().List
			var walks int
			for b.Loop() {
				if _, _, err := walkAll(b, src, "", WalkOptions{Concurrency: conc}); err != nil {
					b.Fatal(err)
				}
				walks++
			}
			b.ReportMetric(float64(src.Stats().List-before)/float64(walks), "lists/walk")
		})
	}
}

// TestWalkSeesEveryObject checks that a walk from a folder that is not in
// the layout misses nothing the layout's own folders do not hide: trails
// under a key prefix one and two folders down are walked as layouts (their
// objects have streams, and only the selected days are listed), and
// export files beside AWSLogs/, in other folders, directly in the root and
// below a layout too deep to be looked for are all seen, as exports.
func TestWalkSeesEveryObject(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	for sub, seed := range map[string]int64{"": 7, "cloudtrail": 8, "org/prod": 9, "a/b/c": 10} {
		cfg := synth.Config{Accounts: 2, Regions: 2, Days: 3, Events: 600, Seed: seed, Digests: true}
		if _, err := synth.Generate(ctx, cfg, filepath.Join(dir, filepath.FromSlash(sub)), nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"top.json.gz", "notes.txt", "exports/x.json", "exports/2026/01/y.ndjson", "cloudtrail/loose.json"} {
		p := filepath.Join(dir, filepath.FromSlash(k))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(`{"Records":[]}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := objstore.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// What the walk must see: every object, less what the layouts' own
	// folders hide (digests), each in its stream, or "" outside a layout
	// Walk looks for.
	var want []string
	wantStream := map[string]string{}
	if err := src.List(ctx, "", func(o objstore.Object) error {
		if strings.Contains(o.Key, "/CloudTrail-Digest/") && !strings.HasPrefix(o.Key, "a/") {
			return nil
		}
		want = append(want, o.Key)
		if i := strings.Index(o.Key, "AWSLogs/"); i >= 0 && !strings.HasPrefix(o.Key, "a/") {
			wantStream[o.Key] = o.Key[:i] + streamOf(o.Key[i:])
		} else {
			wantStream[o.Key] = ""
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var first []visit
	for _, conc := range []int{1, 8} {
		got, st, err := walkAll(t, src, "", WalkOptions{Concurrency: conc})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, v := range got {
			if seen[v.key] {
				t.Errorf("concurrency %d: %s seen twice", conc, v.key)
			}
			seen[v.key] = true
			if w, ok := wantStream[v.key]; !ok {
				t.Errorf("concurrency %d: walk saw %s, which is hidden", conc, v.key)
			} else if v.stream != w {
				t.Errorf("concurrency %d: %s in stream %q, want %q", conc, v.key, v.stream, w)
			}
		}
		for _, k := range want {
			if !seen[k] {
				t.Errorf("concurrency %d: walk missed %s", conc, k)
			}
		}
		if !st.Layout || st.Streams != 3*2*2 {
			t.Errorf("concurrency %d: stats %+v, want 12 streams in three layouts", conc, st)
		}
		if first == nil {
			first = got
		} else if !equalVisits(got, first) {
			t.Errorf("concurrency %d: another order than with 1 listing at a time", conc)
		}
	}

	// A prefixed trail is a layout: only the selected days are listed.
	got, _, err := walkAll(t, src, "", WalkOptions{
		Since: func(Stream) string { return "2026-01-03" },
		Until: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	trail := 0
	for _, v := range got {
		if strings.HasPrefix(v.key, "cloudtrail/AWSLogs/") {
			trail++
			if !strings.Contains(v.key, "/2026/01/03/") {
				t.Errorf("%s listed, outside the days selected", v.key)
			}
		}
	}
	if trail == 0 {
		t.Error("no object of the prefixed trail's selected day was seen")
	}
}

// TestWalkSkipsWhatItCannotList: outside the layout, a folder whose
// listing fails is reported and skipped while everything else is walked;
// a lake inside the source is not walked; exports are left out when
// Include(Stream{}) says so (shards other than 0).
func TestWalkSkipsWhatItCannotList(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	if _, err := synth.Generate(ctx, synth.Config{Accounts: 1, Regions: 2, Days: 2, Events: 300, Seed: 11}, dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"locked/x.json", "lake/_trailhouse/state.json", "lake/cloudtrail_logs/a.json", "exports/e.json"} {
		p := filepath.Join(dir, filepath.FromSlash(k))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(`{"Records":[]}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base, err := objstore.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	src := failingStore{Store: base, fail: "locked/", failDirs: "locked/"}
	got, st, err := walkAll(t, src, "", WalkOptions{})
	if err != nil {
		t.Fatalf("walk failed on one unreadable folder: %v", err)
	}
	if len(st.Unlisted) != 1 || st.Unlisted[0].Prefix != "locked/" || !errors.Is(st.Unlisted[0].Err, errListing) {
		t.Errorf("unlisted %+v, want locked/ with its error", st.Unlisted)
	}
	layout, exports := 0, 0
	for _, v := range got {
		switch {
		case strings.HasPrefix(v.key, "lake/"):
			t.Errorf("%s walked: a lake inside the source is not", v.key)
		case v.key == "exports/e.json":
			exports++
		case strings.HasPrefix(v.key, "AWSLogs/"):
			layout++
		default:
			t.Errorf("%s walked", v.key)
		}
	}
	if layout == 0 || exports != 1 {
		t.Errorf("walked %d layout objects and %d exports, want some and 1", layout, exports)
	}
	got, _, err = walkAll(t, src, "", WalkOptions{Include: func(s Stream) bool { return s.Prefix != "" }})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		if v.stream == "" {
			t.Errorf("%s walked as an export by a shard that takes none", v.key)
		}
	}
	if len(got) != layout {
		t.Errorf("walked %d objects without exports, want the %d of the layout", len(got), layout)
	}
	// A failure in the root's own layout still fails the walk.
	if _, _, err := walkAll(t, failingStore{Store: base, failDirs: "AWSLogs/"}, "", WalkOptions{}); !errors.Is(err, errListing) {
		t.Errorf("walk with the root layout unreadable: %v, want its error", err)
	}
}
