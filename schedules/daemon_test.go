package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// fakeClock is a Clock that moves only when the test says so.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []*waiter
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch, func() {}
	}
	w := &waiter{at: c.now.Add(d), ch: ch}
	c.waiters = append(c.waiters, w)
	return ch, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		for i, x := range c.waiters {
			if x == w {
				c.waiters = append(c.waiters[:i], c.waiters[i+1:]...)
				return
			}
		}
	}
}

// Advance moves the clock and fires the waiters that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

// Deadlines are the pending waiters' times, sorted.
func (c *fakeClock) Deadlines() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Time
	for _, w := range c.waiters {
		out = append(out, w.at)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// waitFor polls cond (the daemon runs in other goroutines); the deadline
// only guards against a hang, it measures nothing.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func (c *fakeClock) waitDeadline(t *testing.T, at time.Time) {
	t.Helper()
	waitFor(t, "a timer for "+at.Format(time.RFC3339), func() bool {
		for _, d := range c.Deadlines() {
			if d.Equal(at) {
				return true
			}
		}
		return false
	})
}

// fakeExec is an Executor whose runs the test controls.
type fakeExec struct {
	mu    sync.Mutex
	calls []*Record
	// run decides each attempt; nil: success at once.
	run func(ctx context.Context, n int, drain <-chan struct{}, rec *Record) error
}

func (f *fakeExec) Execute(ctx context.Context, j *Job, drain <-chan struct{}, rec *Record) error {
	f.mu.Lock()
	f.calls = append(f.calls, rec)
	n := len(f.calls)
	run := f.run
	f.mu.Unlock()
	if run == nil {
		return nil
	}
	return run(ctx, n, drain, rec)
}

func (f *fakeExec) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fakeExec) triggers() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.calls {
		out = append(out, r.Trigger)
	}
	return out
}

func testConfig(t *testing.T, jobs string) *Config {
	t.Helper()
	c, err := Parse("test.yaml", []byte("lake: {uri: /lake}\nsources: {main: {uri: /src}}\njobs:\n"+jobs), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type testDaemon struct {
	*Daemon
	clock *fakeClock
	exec  *fakeExec
	hist  *LakeHistory
	stop  chan struct{}
	done  chan error
	logs  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
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

func newTestDaemon(t *testing.T, c *Config, start time.Time, exec *fakeExec) *testDaemon {
	t.Helper()
	lake, err := objstore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	td := &testDaemon{clock: newFakeClock(start), exec: exec, hist: &LakeHistory{Lake: lake, Keep: 50},
		stop: make(chan struct{}), done: make(chan error, 1), logs: logs}
	td.Daemon = &Daemon{Config: c, Exec: exec, History: td.hist, Clock: td.clock,
		Logger: slog.New(slog.NewTextHandler(logs, nil)), Metrics: NewMetrics(td.clock.Now), Host: "test"}
	return td
}

func (td *testDaemon) start() {
	go func() { td.done <- td.Run(context.Background(), td.stop) }()
}

func (td *testDaemon) shutdown(t *testing.T) {
	t.Helper()
	close(td.stop)
	if err := <-td.done; err != nil {
		t.Fatal(err)
	}
}

func (td *testDaemon) records(t *testing.T, job string) []*Record {
	t.Helper()
	rs, err := td.hist.Runs(context.Background(), job, 0)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func (d *Daemon) idle(job string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return !d.running[job]
}

var t0 = time.Date(2026, 1, 1, 0, 30, 0, 0, time.UTC)

func TestNoOverlap(t *testing.T) {
	release := make(chan struct{})
	exec := &fakeExec{run: func(ctx context.Context, n int, _ <-chan struct{}, _ *Record) error {
		if n == 1 {
			<-release
		}
		return nil
	}}
	td := newTestDaemon(t, testConfig(t, "  hourly: {kind: compact, schedule: '0 * * * *'}\n"), t0, exec)
	td.start()

	td.clock.waitDeadline(t, t0.Add(30*time.Minute))
	td.clock.Advance(30 * time.Minute) // 01:00: the first run starts and hangs
	waitFor(t, "the first run", func() bool { return exec.count() == 1 })
	td.clock.waitDeadline(t, t0.Add(90*time.Minute))
	td.clock.Advance(time.Hour) // 02:00: still running: skipped
	td.clock.waitDeadline(t, t0.Add(150*time.Minute))
	if n := exec.count(); n != 1 {
		t.Fatalf("%d runs while the first was running, want 1", n)
	}
	if !strings.Contains(td.logs.String(), "skipped: the previous run is still running") {
		t.Errorf("no log line for the skipped fire:\n%s", td.logs.String())
	}
	close(release)
	waitFor(t, "the first run to end", func() bool { return td.idle("hourly") })
	td.clock.Advance(time.Hour) // 03:00: runs again
	waitFor(t, "the second run", func() bool { return exec.count() == 2 })
	td.shutdown(t)

	rs := td.records(t, "hourly")
	if len(rs) != 2 {
		t.Fatalf("%d records, want 2", len(rs))
	}
	for i, want := range []time.Time{t0.Add(150 * time.Minute), t0.Add(30 * time.Minute)} {
		if !rs[i].Scheduled.Equal(want) || rs[i].Outcome != OutcomeOK || rs[i].Trigger != TriggerSchedule {
			t.Errorf("record %d: scheduled %v outcome %s trigger %s, want %v ok schedule", i, rs[i].Scheduled, rs[i].Outcome, rs[i].Trigger, want)
		}
	}
	if rs[1].Finished.Before(t0.Add(90 * time.Minute)) {
		t.Errorf("first run finished at %v, before the skipped fire", rs[1].Finished)
	}
}

func TestCatchUp(t *testing.T) {
	nightly := "  nightly: {kind: compact, schedule: '0 2 * * *'}\n"
	day2 := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		history []*Record // saved before start
		want    int       // catch-up runs
	}{
		{"no history", nil, 0},
		{"missed last night", []*Record{{Started: time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC), Outcome: OutcomeOK}}, 1},
		{"ran last night", []*Record{{Started: time.Date(2026, 1, 2, 2, 0, 0, 0, time.UTC), Outcome: OutcomeOK}}, 0},
		{"ran last night with problems", []*Record{{Started: time.Date(2026, 1, 2, 2, 0, 1, 0, time.UTC), Outcome: OutcomeProblems}}, 0},
		{"last night failed", []*Record{
			{Started: time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC), Outcome: OutcomeOK},
			{Started: time.Date(2026, 1, 2, 2, 0, 0, 0, time.UTC), Outcome: OutcomeFailed},
		}, 1},
		{"missed a week: once", []*Record{{Started: time.Date(2025, 12, 20, 2, 0, 0, 0, time.UTC), Outcome: OutcomeOK}}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exec := &fakeExec{}
			td := newTestDaemon(t, testConfig(t, nightly), day2, exec)
			for _, r := range tc.history {
				r.Job, r.Kind = "nightly", KindCompact
				if err := td.hist.Save(context.Background(), r); err != nil {
					t.Fatal(err)
				}
			}
			td.start()
			td.clock.waitDeadline(t, time.Date(2026, 1, 3, 2, 0, 0, 0, time.UTC))
			td.shutdown(t) // waits for a catch-up run, which was started before the timer
			if got := exec.count(); got != tc.want {
				t.Fatalf("%d catch-up runs, want %d (triggers %v)", got, tc.want, exec.triggers())
			}
			if tc.want == 1 {
				rs := td.records(t, "nightly")
				if rs[0].Trigger != TriggerCatchUp || !rs[0].Started.Equal(day2) {
					t.Errorf("catch-up record: trigger %s started %v", rs[0].Trigger, rs[0].Started)
				}
			}
		})
	}

	t.Run("catch_up false", func(t *testing.T) {
		exec := &fakeExec{}
		td := newTestDaemon(t, testConfig(t, "  nightly: {kind: compact, schedule: '0 2 * * *', catch_up: false}\n"), day2, exec)
		td.hist.Save(context.Background(), &Record{Job: "nightly", Started: t0, Outcome: OutcomeOK})
		td.start()
		td.clock.waitDeadline(t, time.Date(2026, 1, 3, 2, 0, 0, 0, time.UTC))
		td.shutdown(t)
		if exec.count() != 0 {
			t.Fatalf("catch_up: false still caught up")
		}
	})
}

func TestRetryBackoff(t *testing.T) {
	jobs := "  j: {kind: compact, schedule: '0 3 * * *', retry: {attempts: 4, backoff: 1m, max_backoff: 3m}}\n"
	start := time.Date(2026, 1, 1, 2, 59, 0, 0, time.UTC)
	fire := start.Add(time.Minute)

	t.Run("transient then success", func(t *testing.T) {
		exec := &fakeExec{run: func(_ context.Context, n int, _ <-chan struct{}, _ *Record) error {
			if n < 4 {
				return fmt.Errorf("lease compact is held by someone (attempt %d)", n)
			}
			return nil
		}}
		td := newTestDaemon(t, testConfig(t, jobs), start, exec)
		td.start()
		td.clock.waitDeadline(t, fire)
		td.clock.Advance(time.Minute)
		// Backoff 1m, 2m, then 3m (capped), each from the failure.
		at := fire
		for i, delay := range []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute} {
			at = at.Add(delay)
			td.clock.waitDeadline(t, at)
			if n := exec.count(); n != i+1 {
				t.Fatalf("before retry %d: %d attempts, want %d", i+1, n, i+1)
			}
			td.clock.Advance(delay - time.Second)
			if n := exec.count(); n != i+1 {
				t.Fatalf("retry %d came before its backoff of %v", i+1, delay)
			}
			td.clock.Advance(time.Second)
			waitFor(t, fmt.Sprintf("attempt %d", i+2), func() bool { return exec.count() == i+2 })
		}
		waitFor(t, "the run to end", func() bool { return td.idle("j") })
		td.shutdown(t)
		rs := td.records(t, "j")
		var got []string
		for _, r := range rs {
			got = append(got, fmt.Sprintf("%d:%s:%s", r.Attempt, r.Trigger, r.Outcome))
		}
		want := "4:retry:ok 3:retry:failed 2:retry:failed 1:schedule:failed"
		if strings.Join(got, " ") != want {
			t.Errorf("records %v, want %s", got, want)
		}
		if !strings.Contains(strings.Join(rs[3].Errors, ""), "attempt 1") {
			t.Errorf("first record's errors: %v", rs[3].Errors)
		}
	})

	t.Run("gives up", func(t *testing.T) {
		exec := &fakeExec{run: func(context.Context, int, <-chan struct{}, *Record) error { return errors.New("unreachable") }}
		td := newTestDaemon(t, testConfig(t, strings.Replace(jobs, "attempts: 4", "attempts: 2", 1)), start, exec)
		td.start()
		td.clock.waitDeadline(t, fire)
		td.clock.Advance(time.Minute)
		td.clock.waitDeadline(t, fire.Add(time.Minute))
		td.clock.Advance(time.Minute)
		waitFor(t, "the second attempt", func() bool { return exec.count() == 2 && td.idle("j") })
		// No third attempt is pending: only the next night's fire.
		if d := td.clock.Deadlines(); len(d) != 1 || !d[0].Equal(fire.Add(24*time.Hour)) {
			t.Errorf("pending timers %v, want only the next fire", d)
		}
		td.shutdown(t)
	})

	t.Run("permanent: no retry", func(t *testing.T) {
		exec := &fakeExec{run: func(context.Context, int, <-chan struct{}, *Record) error {
			return fmt.Errorf("%w: bad shard", ErrPermanent)
		}}
		td := newTestDaemon(t, testConfig(t, jobs), start, exec)
		td.start()
		td.clock.waitDeadline(t, fire)
		td.clock.Advance(time.Minute)
		waitFor(t, "the run", func() bool { return exec.count() == 1 && td.idle("j") })
		if d := td.clock.Deadlines(); len(d) != 1 {
			t.Errorf("pending timers %v, want only the next fire", d)
		}
		td.shutdown(t)
	})
}

func TestCronTZ(t *testing.T) {
	for _, tc := range []struct {
		spec string
		loc  *time.Location
		from time.Time
		want time.Time
	}{
		{"CRON_TZ=America/New_York 0 2 * * *", nil, time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(2026, 1, 16, 7, 0, 0, 0, time.UTC)},
		{"CRON_TZ=America/New_York 0 2 * * *", nil, time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 16, 6, 0, 0, 0, time.UTC)},
		{"0 9 * * *", mustLoc(t, "Asia/Tokyo"), time.Date(2026, 1, 1, 0, 30, 0, 0, time.UTC), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"TZ=UTC 0 9 * * *", mustLoc(t, "Asia/Tokyo"), time.Date(2026, 1, 1, 0, 30, 0, 0, time.UTC), time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)},
		{"@daily", time.UTC, time.Date(2026, 1, 1, 0, 30, 0, 0, time.UTC), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"@every 90s", time.UTC, time.Date(2026, 1, 1, 0, 30, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 31, 30, 0, time.UTC)},
	} {
		s, err := ParseSchedule(tc.spec, tc.loc)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		if got := s.Next(tc.from); !got.Equal(tc.want) {
			t.Errorf("%s (zone %v) after %v: %v, want %v", tc.spec, tc.loc, tc.from, got.UTC(), tc.want)
		}
	}

	// The daemon fires at that instant: 09:00 in Tokyo is midnight UTC.
	exec := &fakeExec{}
	c := testConfig(t, "  tokyo: {kind: compact, schedule: 'CRON_TZ=Asia/Tokyo 0 9 * * *'}\n")
	td := newTestDaemon(t, c, t0, exec)
	td.start()
	want := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	td.clock.waitDeadline(t, want)
	td.clock.Advance(want.Sub(t0))
	waitFor(t, "the run", func() bool { return exec.count() == 1 && td.idle("tokyo") })
	td.shutdown(t)
	if rs := td.records(t, "tokyo"); len(rs) != 1 || !rs[0].Scheduled.Equal(want) || !rs[0].Started.Equal(want) {
		t.Fatalf("records %+v, want one started at %v", rs, want)
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no time zone data for %s: %v", name, err)
	}
	return l
}

func TestGracefulStop(t *testing.T) {
	jobs := "  j: {kind: compact, schedule: '0 1 * * *'}\n"
	c := testConfig(t, jobs)
	c.GracePeriod = 10 * time.Minute

	t.Run("drains within the grace period", func(t *testing.T) {
		exec := &fakeExec{run: func(ctx context.Context, _ int, drain <-chan struct{}, rec *Record) error {
			<-drain
			rec.Events = 42 // what it committed before returning
			rec.Outcome = OutcomeStopped
			return nil
		}}
		td := newTestDaemon(t, c, t0, exec)
		td.start()
		td.clock.waitDeadline(t, t0.Add(30*time.Minute))
		td.clock.Advance(30 * time.Minute)
		waitFor(t, "the run", func() bool { return exec.count() == 1 })
		td.shutdown(t) // drain is closed; the run returns; no grace timer needed
		rs := td.records(t, "j")
		if len(rs) != 1 || rs[0].Outcome != OutcomeStopped || rs[0].Events != 42 {
			t.Fatalf("records %+v", rs)
		}
	})

	t.Run("cancelled after the grace period", func(t *testing.T) {
		var cancelledAt time.Time
		td := (*testDaemon)(nil)
		exec := &fakeExec{run: func(ctx context.Context, _ int, _ <-chan struct{}, _ *Record) error {
			<-ctx.Done() // ignores drain
			cancelledAt = td.clock.Now()
			return ctx.Err()
		}}
		td = newTestDaemon(t, c, t0, exec)
		td.start()
		td.clock.waitDeadline(t, t0.Add(30*time.Minute))
		td.clock.Advance(30 * time.Minute)
		waitFor(t, "the run", func() bool { return exec.count() == 1 })
		close(td.stop)
		stopAt := td.clock.Now()
		td.clock.waitDeadline(t, stopAt.Add(10*time.Minute))
		if td.Healthy() {
			t.Errorf("healthy while stopping")
		}
		td.clock.Advance(10*time.Minute - time.Second)
		select {
		case <-td.done:
			t.Fatal("daemon returned before the grace period was over")
		default:
		}
		td.clock.Advance(time.Second)
		if err := <-td.done; err != nil {
			t.Fatal(err)
		}
		if want := stopAt.Add(10 * time.Minute); !cancelledAt.Equal(want) {
			t.Errorf("run cancelled at %v, want %v", cancelledAt, want)
		}
		rs := td.records(t, "j")
		if len(rs) != 1 || rs[0].Outcome != OutcomeStopped || len(rs[0].Errors) == 0 {
			t.Fatalf("records %+v", rs)
		}
	})
}

func TestRunJob(t *testing.T) {
	exec := &fakeExec{run: func(_ context.Context, n int, _ <-chan struct{}, rec *Record) error {
		rec.Events = 7
		rec.Outcome = OutcomeProblems
		return nil
	}}
	td := newTestDaemon(t, testConfig(t, "  j: {kind: compact, schedule: '@daily'}\n"), t0, exec)
	rec, err := td.RunJob(context.Background(), "j", nil)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Trigger != TriggerManual || rec.Outcome != OutcomeProblems || rec.Events != 7 || exec.count() != 1 {
		t.Fatalf("record %+v", rec)
	}
	if _, err := td.RunJob(context.Background(), "nope", nil); !errors.Is(err, ErrUnknownJob) {
		t.Fatalf("unknown job: %v", err)
	}
}
