package pipeline

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/objstore"
)

// drainAfter is a source that closes its channel when the n-th object is
// opened: a drain asked for in the middle of reading.
type drainAfter struct {
	objstore.Store
	opens atomic.Int64
	n     int64
	once  sync.Once
	ch    chan struct{}
}

func newDrainAfter(src objstore.Store, n int64) *drainAfter {
	return &drainAfter{Store: src, n: n, ch: make(chan struct{})}
}

func (d *drainAfter) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if d.opens.Add(1) == d.n {
		d.once.Do(func() { close(d.ch) })
	}
	return d.Store.Open(ctx, key)
}

// checkWholeObjects: the lake holds both events of exactly n objects of
// deliveries' making, each once.
func checkWholeObjects(t *testing.T, lake objstore.Store, n int) {
	t.Helper()
	got := lakeEventIDs(t, lake)
	if len(got) != 2*n {
		t.Errorf("lake holds %d events, want %d (both events of %d objects)", len(got), 2*n, n)
	}
	for id, c := range got {
		if c != 1 {
			t.Errorf("event %s is in the lake %d times", id, c)
		}
		base, _ := strings.CutSuffix(id, "-a")
		if base == id {
			base = strings.TrimSuffix(id, "-b")
		}
		if got[base+"-a"] != 1 || got[base+"-b"] != 1 {
			t.Errorf("object of event %s is in the lake in part", id)
		}
	}
}

func noPending(t *testing.T, lake objstore.Store) {
	t.Helper()
	p, err := ingest.PendingRuns(context.Background(), lake)
	if err != nil || len(p) != 0 {
		t.Errorf("pending runs after a drained run: %v, %v; want none", p, err)
	}
}

// TestIncrementalDrain: a run drained before it starts commits nothing; a
// run drained in the middle finishes the objects it started, writes them
// and commits exactly those; the next run converts the rest; every event
// is in the lake exactly once.
func TestIncrementalDrain(t *testing.T) {
	for _, sk := range storeKinds() {
		t.Run(sk.name, func(t *testing.T) {
			ctx := context.Background()
			src, lake := sk.mk(t)
			in := deliveries(2, 3, []int{0, 1}, 5, "d") // 60 objects
			put(t, src, in)
			inc := func() *Incremental { return &Incremental{Lookback: 3, Now: clockAt(1)} }

			closed := make(chan struct{})
			close(closed)
			rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc(), Drain: closed})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Stopped || rep.Objects != 0 || rep.Files != 0 {
				t.Errorf("drained before the start: stopped %v, %d objects, %d files; want stopped, nothing", rep.Stopped, rep.Objects, rep.Files)
			}
			noPending(t, lake)

			d := newDrainAfter(src, 5)
			rep, err = Convert(ctx, Options{From: d, To: lake, TempDir: t.TempDir(), Incremental: inc(),
				Drain: d.ch, Workers: 2, GetConcurrency: 3})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Stopped || rep.Objects < 5 || rep.Objects >= len(in) || rep.Objects+rep.NotStarted != len(in) {
				t.Fatalf("drained after the 5th GET: stopped %v, %d objects converted, %d not started; want stopped, 5 <= converted < %d, together %d",
					rep.Stopped, rep.Objects, rep.NotStarted, len(in), len(in))
			}
			if n := d.opens.Load(); n != int64(rep.Objects) {
				t.Errorf("%d objects opened, %d converted: a drained run must finish what it opened and open nothing more", n, rep.Objects)
			}
			t.Logf("drained run converted %d of %d objects", rep.Objects, len(in))
			checkWholeObjects(t, lake, rep.Objects)
			noPending(t, lake)
			first := rep.Objects

			rep, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc()})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Stopped || rep.Objects != len(in)-first || rep.Incremental.AlreadyDone != first {
				t.Errorf("run after the drained one: stopped %v, %d objects, %d known; want %d and %d",
					rep.Stopped, rep.Objects, rep.Incremental.AlreadyDone, len(in)-first, first)
			}
			checkExactlyOnce(t, lake, in)
		})
	}
}

// TestIncrementalDrainDuringRecovery: a drain does not cut short the
// completion of a killed run (its files must all be rewritten); the new
// objects are left for the next run.
func TestIncrementalDrainDuringRecovery(t *testing.T) {
	ctx := context.Background()
	src, lake := storeKinds()[0].mk(t)
	first := deliveries(2, 2, []int{0}, 5, "a")
	put(t, src, first)
	crash := errors.New("crash")
	_, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{
		Now: clockAt(0), LeaseTTL: time.Millisecond,
		Fault: func(s string) error {
			if s == "written" {
				return crash
			}
			return nil
		},
	}})
	if !errors.Is(err, crash) {
		t.Fatalf("crashing run: %v", err)
	}
	time.Sleep(5 * time.Millisecond) // its lease expires
	second := deliveries(2, 2, []int{1}, 3, "b")
	put(t, src, second)
	d := newDrainAfter(src, 1) // drained at the first GET of the recovery
	rep, err := Convert(ctx, Options{From: d, To: lake, TempDir: t.TempDir(), Drain: d.ch,
		Incremental: &Incremental{Now: clockAt(1)}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Incremental.Recovered == "" || !rep.Stopped || rep.Objects != len(first) {
		t.Errorf("recovered %q, stopped %v, %d objects; want the killed run's %d objects completed, then stopped",
			rep.Incremental.Recovered, rep.Stopped, rep.Objects, len(first))
	}
	checkExactlyOnce(t, lake, first)
	noPending(t, lake)
	rep, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{Now: clockAt(1)}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Objects != len(second) {
		t.Errorf("next run converted %d objects, want the %d new ones", rep.Objects, len(second))
	}
	checkExactlyOnce(t, lake, first, second)
}

// TestDrainNoState: a one-off run (no state) drained in the middle writes
// exactly the objects it started.
func TestDrainNoState(t *testing.T) {
	ctx := context.Background()
	src, lake := storeKinds()[0].mk(t)
	in := deliveries(1, 2, []int{0}, 10, "n")
	put(t, src, in)
	d := newDrainAfter(src, 3)
	rep, err := Convert(ctx, Options{From: d, To: lake, TempDir: t.TempDir(), Drain: d.ch, Workers: 1, GetConcurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Stopped || rep.Objects != 3 || rep.NotStarted != len(in)-3 {
		t.Errorf("stopped %v, %d objects, %d not started; want stopped after 3 (one at a time)", rep.Stopped, rep.Objects, rep.NotStarted)
	}
	checkWholeObjects(t, lake, rep.Objects)
}

// failOpen is a source whose Open of one key fails while fail is set.
type failOpen struct {
	objstore.Store
	key  string
	fail atomic.Bool
}

func (f *failOpen) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if key == f.key && f.fail.Load() {
		return nil, errors.New("connection reset by peer")
	}
	return f.Store.Open(ctx, key)
}

// TestIncrementalLeftoversOfOldDays: a first run over a bucket's history
// (days long before the run's own day, whose look-back window they are
// outside of) that leaves objects for the next run, by a drain and by a
// failed GET: the next run, a month later still, converts them.
func TestIncrementalLeftoversOfOldDays(t *testing.T) {
	ctx := context.Background()
	src, lake := storeKinds()[0].mk(t)
	in := deliveries(1, 2, []int{0, 1, 2}, 6, "h") // 36 objects, days 0-2
	put(t, src, in)
	var failKey string
	for k := range in {
		if failKey == "" || k < failKey {
			failKey = k // the first key: fetched first, before the drain
		}
	}
	fo := &failOpen{Store: src, key: failKey}
	fo.fail.Store(true)
	d := newDrainAfter(fo, 10)
	inc := func() *Incremental { return &Incremental{Lookback: 2, Now: clockAt(30)} }
	// One object at a time, in key order.
	rep, err := Convert(ctx, Options{From: d, To: lake, TempDir: t.TempDir(), Incremental: inc(), Drain: d.ch,
		Workers: 1, GetConcurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Stopped || rep.NotStarted == 0 || rep.Incremental.Retried != 1 {
		t.Fatalf("first run: stopped %v, %d not started, %d left to retry; want a drained run with one failed GET",
			rep.Stopped, rep.NotStarted, rep.Incremental.Retried)
	}
	left := rep.NotStarted + rep.Incremental.Retried
	fo.fail.Store(false)
	rep, err = Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: inc()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Objects != left || rep.Incremental.Expired != 0 {
		t.Errorf("second run converted %d objects (%d found before the window), want the %d left over",
			rep.Objects, rep.Incremental.Expired, left)
	}
	checkExactlyOnce(t, lake, in)
}
