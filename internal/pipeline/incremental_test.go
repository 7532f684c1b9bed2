package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/lease"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/internal/s3test"
	"github.com/trailhouse/trailhouse/partition"
)

// raceDetector is set when the tests run with -race.
var raceDetector bool

// lakeEventIDs counts each eventid in the lake's events table.
func lakeEventIDs(t *testing.T, lake objstore.Store) map[string]int {
	t.Helper()
	ctx := context.Background()
	parts, err := partition.List(ctx, lake)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int{}
	for _, p := range parts {
		for _, f := range p.Files {
			err := partition.ReadRows(ctx, lake, f, func(r *record.Row) error {
				id, _ := r.Get(record.EventID)
				ids[id]++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return ids
}

// deliveries builds a bucket layout: for each (account, region, day index)
// perDay objects of two events each, with event IDs naming their object.
func deliveries(accounts, regions int, days []int, perDay int, tag string) map[string][]byte {
	out := map[string][]byte{}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for a := 0; a < accounts; a++ {
		acct := fmt.Sprintf("1111222233%02d", a)
		for r := 0; r < regions; r++ {
			region := []string{"us-east-1", "eu-west-1", "ap-south-1", "us-west-2", "sa-east-1"}[r]
			for _, d := range days {
				day := base.AddDate(0, 0, d)
				for i := 0; i < perDay; i++ {
					name := fmt.Sprintf("%s_CloudTrail_%s_%sT%02d00Z_%s%06d.json.gz", acct, region, day.Format("20060102"), i%24, tag, i)
					key := fmt.Sprintf("AWSLogs/%s/CloudTrail/%s/%s/%s", acct, region, day.Format("2006/01/02"), name)
					ts := day.Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
					id := fmt.Sprintf("%s-%s-%s-%d-%d", tag, acct, region, d, i)
					out[key] = gz(`{"Records":[` + ev(id+"-a", ts, region, acct) + "," + ev(id+"-b", ts, region, acct) + "]}")
				}
			}
		}
	}
	return out
}

func put(t *testing.T, st objstore.Store, files map[string][]byte) {
	t.Helper()
	if d, ok := st.(*objstore.Dir); ok { // no fsync per file: fast enough for 100,000
		writeTree(t, d.Root(), files)
		return
	}
	ctx := context.Background()
	type kv struct {
		k string
		v []byte
	}
	ch := make(chan kv)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range ch {
				w, err := st.Create(ctx, f.k)
				if err == nil {
					w.Write(f.v)
					err = w.Commit()
				}
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
			}
		}()
	}
	for k, v := range files {
		ch <- kv{k, v}
	}
	close(ch)
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
}

type storeKind struct {
	name string
	mk   func(t *testing.T) (src, lake objstore.Store)
}

func storeKinds() []storeKind {
	return []storeKind{
		{"dir", func(t *testing.T) (objstore.Store, objstore.Store) {
			src, _ := objstore.NewDir(t.TempDir())
			lake, _ := objstore.NewDir(t.TempDir())
			return src, lake
		}},
		{"s3", func(t *testing.T) (objstore.Store, objstore.Store) {
			s := s3test.Start(t)
			return s.Store(t, "trail/"), s.Store(t, "lake/")
		}},
		{"minio", func(t *testing.T) (objstore.Store, objstore.Store) {
			s := s3test.StartMinIO(t)
			return s.Store(t, "trail/"), s.Store(t, "lake/")
		}},
	}
}

func clockAt(day int) func() time.Time {
	t := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	return func() time.Time { return t }
}

// checkExactlyOnce: every event of the input is in the lake exactly once.
func checkExactlyOnce(t *testing.T, lake objstore.Store, inputs ...map[string][]byte) {
	t.Helper()
	want := 0
	for _, in := range inputs {
		want += 2 * len(in)
	}
	got := lakeEventIDs(t, lake)
	if len(got) != want {
		t.Errorf("lake has %d distinct events, want %d", len(got), want)
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("event %s is in the lake %d times", id, n)
		}
	}
}

// TestIncrementalCrashAtEachStep: a run stopped at each step of its commit
// protocol, with new objects arriving before the next run, leaves a lake
// with every event exactly once after that next run.
func TestIncrementalCrashAtEachStep(t *testing.T) {
	for _, sk := range storeKinds() {
		for _, step := range []string{"planned", "written", "committed"} {
			t.Run(sk.name+"/"+step, func(t *testing.T) {
				ctx := context.Background()
				src, lake := sk.mk(t)
				first := deliveries(2, 2, []int{0, 1}, 5, "a")
				put(t, src, first)
				crash := errors.New("crash")
				opt := Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{
					Lookback: 3, Now: clockAt(1), LeaseTTL: time.Millisecond,
					Fault: func(s string) error {
						if s == step {
							return crash
						}
						return nil
					},
				}}
				if _, err := Convert(ctx, opt); !errors.Is(err, crash) {
					t.Fatalf("crashing run: %v, want the injected crash", err)
				}
				if _, err := Compact(ctx, lake, partition.CompactOptions{}); !errors.Is(err, ErrPendingRun) {
					t.Errorf("compact after a crashed run: %v, want ErrPendingRun", err)
				}
				time.Sleep(5 * time.Millisecond) // the crashed run's lease expires
				// New deliveries, one of them late (for day 0), before the next run.
				second := deliveries(2, 2, []int{0, 2}, 3, "b")
				put(t, src, second)
				opt.Incremental = &Incremental{Lookback: 3, Now: clockAt(2)}
				rep, err := Convert(ctx, opt)
				if err != nil {
					t.Fatal(err)
				}
				if step != "committed" && rep.Incremental.Recovered == "" {
					t.Errorf("the crashed run was not recovered")
				}
				checkExactlyOnce(t, lake, first, second)
				// A third run finds nothing new and changes nothing.
				opt.Incremental = &Incremental{Lookback: 3, Now: clockAt(2)}
				rep, err = Convert(ctx, opt)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Objects != 0 || rep.Incremental.AlreadyDone != len(first)+len(second) {
					t.Errorf("third run read %d objects, found %d already converted; want 0 and %d",
						rep.Objects, rep.Incremental.AlreadyDone, len(first)+len(second))
				}
				checkExactlyOnce(t, lake, first, second)
			})
		}
	}
}

// TestIncrementalRequestCounts: over a bucket holding 100,000 converted
// objects (40 days of history), a run with 1,000 new ones GETs those 1,000
// only, and its LISTs follow the days in the look-back window, not the
// history. The full size runs on a local directory (which counts its
// requests the same way); the in-process S3 server, whose listings scan
// every key, gets the same layout with fewer objects per day.
func TestIncrementalRequestCounts(t *testing.T) {
	cases := []struct {
		name        string
		perDay, new int
		mk          func(t *testing.T) (objstore.Store, objstore.Store)
	}{
		{"dir", 50, 18, storeKinds()[0].mk},
		{"s3", 2, 2, storeKinds()[1].mk},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "dir" && (testing.Short() || raceDetector) {
				t.Skip("writes 101,000 objects: too slow under -race; make test runs it without")
			}
			testRequestCounts(t, c.perDay, c.new, c.mk)
		})
	}
}

func testRequestCounts(t *testing.T, perDay, perNewDay int, mk func(t *testing.T) (objstore.Store, objstore.Store)) {
	ctx := context.Background()
	src, lake := mk(t)
	var days []int
	for d := 0; d < 40; d++ {
		days = append(days, d)
	}
	old := deliveries(10, 5, days, perDay, "o") // 10 accounts x 5 regions x 40 days
	put(t, src, old)
	// The state of the runs that converted them, as those runs committed it.
	states := ingest.NewStateStore(lake, src.URI(""))
	st := ingest.NewState(src.URI(""))
	_, err := ingest.Walk(ctx, src, "", ingest.WalkOptions{}, func(s ingest.Stream, o ingest.Object) error {
		st.Add(s, o, clockAt(39)())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Prune(7)
	if err := states.Save(ctx, ShardName(0, 1), st, nil); err != nil {
		t.Fatal(err)
	}
	fresh := deliveries(10, 5, []int{40}, perNewDay, "n")
	for k, v := range deliveries(10, 5, []int{36}, 2, "l") { // late deliveries into a past day
		fresh[k] = v
	}
	put(t, src, fresh)

	before := src.Stats()
	rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(),
		Incremental: &Incremental{Lookback: 7, Now: clockAt(40)}})
	if err != nil {
		t.Fatal(err)
	}
	got := src.Stats().Sub(before)
	if got.Get != int64(len(fresh)) || rep.Objects != len(fresh) {
		t.Errorf("source GETs = %d, objects read = %d; want %d (the new objects only)", got.Get, rep.Objects, len(fresh))
	}
	// Listed days: 7 back from the watermark (day 39) through tomorrow, 10
	// per stream, 50 streams; plus the folders above them, and the objects
	// beside AWSLogs/ (export files).
	maxList := int64(50*10 + 1 + 1 + 10 + 10 + 1)
	if got.List > maxList {
		t.Errorf("source LISTs = %d, want <= %d (days in the window, not history)", got.List, maxList)
	}
	t.Logf("incremental run over %d converted + %d new objects: source %d GET, %d LIST, %d HEAD; lake %+v",
		len(old), len(fresh), got.Get, got.List, got.Head, rep.Requests.Lake)
	if n, want := rep.Incremental.AlreadyDone, 50*8*perDay; n != want {
		t.Errorf("%d listed objects were known as converted, want %d (days 32-39)", n, want)
	}
	if ids := lakeEventIDs(t, lake); len(ids) != 2*len(fresh) {
		t.Errorf("lake holds %d events, want %d", len(ids), 2*len(fresh))
	}
}

// TestIncrementalLease: a second run against the same lake while the
// first holds the lease stops with a message naming the holder.
func TestIncrementalLease(t *testing.T) {
	ctx := context.Background()
	src, _ := objstore.NewDir(t.TempDir())
	lake, _ := objstore.NewDir(t.TempDir())
	put(t, src, deliveries(1, 1, []int{0}, 2, "a"))
	name := "convert-" + ingest.SourceID(src.URI("")) + "-" + ShardName(0, 1)
	l, err := lease.Acquire(ctx, lake, name, lease.Options{Holder: "the other run"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release(ctx)
	_, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{}})
	if !errors.Is(err, lease.ErrHeld) || !strings.Contains(err.Error(), "the other run") {
		t.Fatalf("second run: %v, want ErrHeld naming the holder", err)
	}
	// A run with another shard count is refused while this lease lives.
	_, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{Shard: 1, Shards: 2}})
	if !errors.Is(err, ErrShard) {
		t.Fatalf("run with another shard count: %v, want ErrShard", err)
	}
}

// TestIncrementalShards: n shards convert disjoint slices; together they
// hold every event exactly once, and a later unsharded run finds nothing new.
func TestIncrementalShards(t *testing.T) {
	ctx := context.Background()
	src, _ := objstore.NewDir(t.TempDir())
	lake, _ := objstore.NewDir(t.TempDir())
	in := deliveries(4, 5, []int{0, 1}, 3, "s")
	put(t, src, in)
	total := 0
	for i := 0; i < 3; i++ {
		rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(),
			Incremental: &Incremental{Shard: i, Shards: 3, Now: clockAt(1)}})
		if err != nil {
			t.Fatal(err)
		}
		total += rep.Objects
		if rep.Incremental.Streams+rep.Incremental.StreamsSkipped != 20 {
			t.Errorf("shard %d saw %d+%d streams, want 20", i, rep.Incremental.Streams, rep.Incremental.StreamsSkipped)
		}
	}
	if total != len(in) {
		t.Errorf("shards read %d objects together, want %d", total, len(in))
	}
	checkExactlyOnce(t, lake, in)
	// The shard count changes: the state of every old shard is still read.
	rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(),
		Incremental: &Incremental{Now: clockAt(1)}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Objects != 0 {
		t.Errorf("unsharded run after the shards read %d objects, want 0", rep.Objects)
	}
}

// TestRecoveryListsTheWindow: completing a killed run over an old history
// (objects of days 0 and 1, the run on day 200) records its streams as
// listed through its day, so the completing run lists about what a run
// after a finished one lists, not every day folder from day 0 to today;
// and every event is in the lake once.
func TestRecoveryListsTheWindow(t *testing.T) {
	ctx := context.Background()
	lists := func(crash bool) (int64, objstore.Store, map[string][]byte) {
		src, lake := storeKinds()[0].mk(t)
		first := deliveries(2, 2, []int{0, 1}, 3, "a")
		put(t, src, first)
		errCrash := errors.New("crash")
		opt := Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{
			Lookback: 3, Now: clockAt(200), LeaseTTL: time.Millisecond,
			Fault: func(s string) error {
				if crash && s == "planned" {
					return errCrash
				}
				return nil
			},
		}}
		if _, err := Convert(ctx, opt); crash != errors.Is(err, errCrash) {
			t.Fatalf("first run: %v (crash %v)", err, crash)
		}
		time.Sleep(5 * time.Millisecond) // the killed run's lease expires
		opt.Incremental = &Incremental{Lookback: 3, Now: clockAt(200)}
		rep, err := Convert(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		if crash && rep.Incremental.Recovered == "" {
			t.Fatal("the killed run was not completed")
		}
		return rep.Requests.Source.List, lake, first
	}
	after, _, _ := lists(false)
	recovering, lake, first := lists(true)
	checkExactlyOnce(t, lake, first)
	if recovering > after+8 {
		t.Errorf("the completing run made %d LISTs of the source; a run after a finished one makes %d", recovering, after)
	}
}

// TestIncrementalSeesWholeSource: incremental runs convert what a run
// without state does, whatever the bucket holds beside AWSLogs/: a trail
// under a key prefix, export files in a folder and at the top. A second
// run finds nothing new, and new objects in each place are converted once.
func TestIncrementalSeesWholeSource(t *testing.T) {
	for _, sk := range storeKinds()[:2] {
		t.Run(sk.name, func(t *testing.T) {
			ctx := context.Background()
			src, lake := sk.mk(t)
			tree := func(tag string, day int) map[string][]byte {
				in := deliveries(2, 2, []int{day}, 2, tag)
				for k, v := range deliveries(1, 2, []int{day}, 2, tag+"p") {
					in["cloudtrail/"+k] = v
				}
				ts := time.Date(2026, 3, 1+day, 5, 0, 0, 0, time.UTC).Format(time.RFC3339)
				in["exports/"+tag+".json.gz"] = gz(`{"Records":[` + ev(tag+"-x1", ts, "us-east-1", "111122223300") + "," + ev(tag+"-x2", ts, "us-east-1", "111122223300") + "]}")
				in[tag+"-top.json"] = []byte(`[` + ev(tag+"-t1", ts, "eu-west-1", "111122223301") + "," + ev(tag+"-t2", ts, "eu-west-1", "111122223301") + "]")
				return in
			}
			first := tree("a", 1)
			put(t, src, first)
			inc := &Incremental{Lookback: 7, Now: clockAt(1)}
			rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Objects != len(first) {
				t.Errorf("first run read %d objects, want all %d", rep.Objects, len(first))
			}
			rep, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Objects != 0 || rep.Incremental.AlreadyDone != len(first) {
				t.Errorf("second run read %d objects, knew %d; want 0 and %d", rep.Objects, rep.Incremental.AlreadyDone, len(first))
			}
			second := tree("b", 2)
			put(t, src, second)
			rep, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{Lookback: 7, Now: clockAt(2)}})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Objects != len(second) {
				t.Errorf("third run read %d objects, want the %d new", rep.Objects, len(second))
			}
			checkExactlyOnce(t, lake, first, second)
		})
	}
}

// TestIncrementalSourceInsideLayout: a source named by its AWSLogs folder
// is walked from above it (ingest.SplitSource), so _source keeps the
// layout; a lake converted before that, from a store rooted at AWSLogs/,
// keeps its state: nothing is converted twice.
func TestIncrementalSourceInsideLayout(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := deliveries(2, 2, []int{1, 2}, 2, "s")
	outer, _ := objstore.NewDir(dir)
	put(t, outer, in)
	lake, _ := objstore.NewDir(t.TempDir())
	inner, err := objstore.NewDir(dir + "/AWSLogs")
	if err != nil {
		t.Fatal(err)
	}
	inc := &Incremental{Lookback: 7, Now: clockAt(2)}
	if _, err := Convert(ctx, Options{From: inner, To: lake, TempDir: t.TempDir(), Incremental: inc}); err != nil {
		t.Fatal(err)
	}
	root, prefix := ingest.SplitSource(dir + "/AWSLogs")
	src, err := objstore.NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	more := deliveries(2, 2, []int{2}, 1, "m")
	put(t, outer, more)
	rep, err := Convert(ctx, Options{From: src, FromPrefix: prefix, To: lake, TempDir: t.TempDir(), Incremental: inc})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Objects != len(more) || rep.Incremental.AlreadyDone != len(in) {
		t.Errorf("run from above AWSLogs read %d objects and knew %d, want %d and %d", rep.Objects, rep.Incremental.AlreadyDone, len(more), len(in))
	}
	checkExactlyOnce(t, lake, in, more)
	parts, err := partition.List(ctx, lake)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range parts {
		for _, f := range p.Files {
			if err := partition.ReadRows(ctx, lake, f, func(r *record.Row) error {
				if id, _ := r.Get(record.EventID); strings.HasPrefix(id, "m-") {
					found = true
					if !strings.HasPrefix(r.Source, "AWSLogs/") {
						t.Errorf("_source %q of a new object lacks AWSLogs/", r.Source)
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !found {
		t.Error("no row of the new objects in the lake")
	}
}

// TestIncrementalSourceInsideLayoutRecovery: a run killed while its store
// was rooted at AWSLogs/ is completed by a run from above it (its planned
// keys gain the prefix), and every event is in the lake once.
func TestIncrementalSourceInsideLayoutRecovery(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := deliveries(2, 2, []int{1, 2}, 2, "k")
	outer, _ := objstore.NewDir(dir)
	put(t, outer, in)
	lake, _ := objstore.NewDir(t.TempDir())
	inner, _ := objstore.NewDir(dir + "/AWSLogs")
	crash := errors.New("crash")
	_, err := Convert(ctx, Options{From: inner, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{
		Lookback: 7, Now: clockAt(2), LeaseTTL: time.Millisecond,
		Fault: func(s string) error {
			if s == "written" {
				return crash
			}
			return nil
		}}})
	if !errors.Is(err, crash) {
		t.Fatalf("crashing run: %v", err)
	}
	time.Sleep(5 * time.Millisecond)
	root, prefix := ingest.SplitSource(dir + "/AWSLogs")
	src, _ := objstore.NewDir(root)
	rep, err := Convert(ctx, Options{From: src, FromPrefix: prefix, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{Lookback: 7, Now: clockAt(2)}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Incremental.Recovered == "" || len(rep.Problems) > 0 {
		t.Errorf("recovered %q with problems %v; want the killed run completed cleanly", rep.Incremental.Recovered, rep.Problems)
	}
	checkExactlyOnce(t, lake, in)
}

// TestIncrementalBackfillAfterWindow: objects added to a converted stream
// in its newest day or after it but before the look-back window of today
// (the next part of an archive, copied later) are converted by the next
// run, once, and an idle stream is then listed by its folders, not day by
// day.
func TestIncrementalBackfillAfterWindow(t *testing.T) {
	ctx := context.Background()
	for _, sk := range storeKinds() {
		t.Run(sk.name, func(t *testing.T) {
			src, lake := sk.mk(t)
			first := deliveries(1, 2, []int{0, 1, 2}, 3, "a")
			put(t, src, first)
			inc := func(day int) *Incremental { return &Incremental{Lookback: 2, Now: clockAt(day)} }
			if _, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc(60)}); err != nil {
				t.Fatal(err)
			}
			// Days 3-5 and 40, and more of day 2 (the newest converted), arrive
			// after the run of day 60 listed days 58-61.
			second := deliveries(1, 2, []int{2, 3, 4, 5, 40}, 3, "b")
			put(t, src, second)
			before := src.Stats()
			rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc(61)})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Objects != len(second) || rep.Incremental.Expired != 0 {
				t.Errorf("second run converted %d objects (%d taken as expired), want the %d added", rep.Objects, rep.Incremental.Expired, len(second))
			}
			checkExactlyOnce(t, lake, first, second)
			lists := src.Stats().Sub(before).List
			before = src.Stats()
			rep, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc(62)})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Objects != 0 {
				t.Errorf("third run converted %d objects, want none", rep.Objects)
			}
			// Per stream: the window, day by day (days 59-63), and the
			// folders that can hold days from day 40 to it (the stream's
			// years, the months of 2026, the days of April) and day 40's
			// own; plus the folders above the streams.
			idle := src.Stats().Sub(before).List
			if max := int64(2*(5+4) + 5); idle > max {
				t.Errorf("third run: %d source LISTs, want <= %d", idle, max)
			}
			t.Logf("source LISTs: %d in the run finding the backfill, %d in the next", lists, idle)
		})
	}
}

// TestIncrementalStraysBesideLayout: objects dropped beside the layout's
// folders (an export in AWSLogs/, files in an account, CloudTrail/, region
// or year folder) are converted as export files, once; one added later
// in AWSLogs/ is converted by the next run.
func TestIncrementalStraysBesideLayout(t *testing.T) {
	ctx := context.Background()
	for _, sk := range storeKinds() {
		t.Run(sk.name, func(t *testing.T) {
			src, lake := sk.mk(t)
			in := deliveries(1, 1, []int{0, 1}, 2, "a")
			acct, region := "111122223300", "us-east-1"
			strays := map[string][]byte{}
			for i, dir := range []string{"AWSLogs/", "AWSLogs/" + acct + "/", "AWSLogs/" + acct + "/CloudTrail/",
				"AWSLogs/" + acct + "/CloudTrail/" + region + "/", "AWSLogs/" + acct + "/CloudTrail/" + region + "/2026/"} {
				id := fmt.Sprintf("stray-%d", i)
				strays[fmt.Sprintf("%sexport-%d.json", dir, i)] = []byte(`{"Records":[` + ev(id+"-a", "2026-03-01T10:00:00Z", region, acct) + "," + ev(id+"-b", "2026-03-01T10:00:00Z", region, acct) + "]}")
			}
			put(t, src, in)
			put(t, src, strays)
			inc := func(day int) *Incremental { return &Incremental{Lookback: 2, Now: clockAt(day)} }
			rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc(1)})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Objects != len(in)+len(strays) {
				t.Errorf("first run converted %d objects, want %d (%d of them beside the layout)", rep.Objects, len(in)+len(strays), len(strays))
			}
			later := map[string][]byte{"AWSLogs/later.json": []byte(`{"Records":[` + ev("later-a", "2026-03-02T10:00:00Z", region, acct) + "," + ev("later-b", "2026-03-02T10:00:00Z", region, acct) + "]}")}
			put(t, src, later)
			if rep, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc(2)}); err != nil {
				t.Fatal(err)
			}
			if rep.Objects != 1 {
				t.Errorf("second run converted %d objects, want the 1 added", rep.Objects)
			}
			checkExactlyOnce(t, lake, in, strays, later)
		})
	}
}

// TestBadFileNames: a local file whose name no S3 key can have (not valid
// UTF-8, or with a backslash) is reported on each run, naming it, and never
// converted: its _source could not be read by other engines, and the state
// could not recognise it the next run (it would be converted again).
func TestBadFileNames(t *testing.T) {
	ctx := context.Background()
	src, lake := storeKinds()[0].mk(t)
	in := deliveries(1, 1, []int{0}, 2, "a")
	put(t, src, in)
	dir := "AWSLogs/111122223300/CloudTrail/us-east-1/2026/03/01/"
	put(t, src, map[string][]byte{
		dir + "bad\xffname.json.gz": gz(`{"Records":[` + ev("bad-utf8", "2026-03-01T10:00:00Z", "us-east-1", "111122223300") + "]}"),
		dir + `back\slash.json.gz`:  gz(`{"Records":[` + ev("backslash", "2026-03-01T10:00:00Z", "us-east-1", "111122223300") + "]}"),
	})
	for run := 1; run <= 2; run++ {
		rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{Lookback: 2, Now: clockAt(run)}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.BadObjects != 2 || len(rep.Problems) != 2 {
			t.Fatalf("run %d: %d bad objects, problems %+v; want the 2 badly named", run, rep.BadObjects, rep.Problems)
		}
		for _, p := range rep.Problems {
			if !strings.Contains(p.Error, "rename it") || p.Retry || !utf8.ValidString(p.Object) {
				t.Errorf("run %d: problem %+v: want a readable object name and a reason to rename it", run, p)
			}
		}
	}
	checkExactlyOnce(t, lake, in)
	_, lake2 := storeKinds()[0].mk(t)
	rep, err := Convert(ctx, Options{From: src, To: lake2, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.BadObjects != 2 {
		t.Errorf("--no-state run: %d bad objects, want 2", rep.BadObjects)
	}
	checkExactlyOnce(t, lake2, in)
}
