package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"
)

// Executor runs one attempt of a job.
//
// Contract: Execute fills rec's outcome fields (Outcome ok or problems,
// counts, Errors) and returns nil when the run finished, or returns the
// failure (wrapping ErrPermanent when a retry cannot help). drain is
// closed when the daemon stops: the run should then start nothing new,
// commit what it finished and return; ctx is cancelled when the grace
// period is over. Whatever the moment of the stop, the lake stays
// consistent (a convert run cut short is completed by the next one).
type Executor interface {
	Execute(ctx context.Context, job *Job, drain <-chan struct{}, rec *Record) error
}

// Daemon runs the config's jobs on their schedules.
//
// Semantics: a job never overlaps itself (a fire while it runs, retries
// included, is skipped and logged). At start-up a job with catch-up whose
// last success is older than its schedule's previous fire time runs once.
// A failed run is retried with backoff (RetryPolicy) unless the failure is
// permanent. On stop, no new run starts, the runs in progress are told to
// drain and given the grace period, then cancelled.
type Daemon struct {
	Config  *Config
	Exec    Executor
	History History
	Clock   Clock        // default SystemClock
	Logger  *slog.Logger // default discards
	Metrics *Metrics     // may be nil
	Host    string       // for records; default the host name
	Version string

	mu       sync.Mutex
	running  map[string]bool
	last     map[string]*Record
	newest   map[string]*time.Time
	stopping chan struct{}
	stopOnce sync.Once
	runs     sync.WaitGroup // executions
	loops    sync.WaitGroup // schedule loops
	runCtx   context.Context
	cancel   context.CancelFunc
}

func (d *Daemon) init(ctx context.Context) {
	if d.Clock == nil {
		d.Clock = SystemClock{}
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Host == "" {
		d.Host, _ = os.Hostname()
	}
	d.mu.Lock()
	d.running, d.last, d.newest = map[string]bool{}, map[string]*Record{}, map[string]*time.Time{}
	d.stopping = make(chan struct{})
	d.mu.Unlock()
	d.runCtx, d.cancel = context.WithCancel(context.WithoutCancel(ctx))
}

// Run schedules the jobs until stop is closed or ctx is done, then stops
// as the type says, and returns when no run is left.
func (d *Daemon) Run(ctx context.Context, stop <-chan struct{}) error {
	d.init(ctx)
	defer d.cancel()
	d.Metrics.setUp(true)
	d.Logger.Info("schedule started", "config", d.Config.Path, "jobs", len(d.Config.Jobs), "lake", d.Config.Lake.URI)
	for _, j := range d.Config.Jobs {
		d.loops.Add(1)
		go d.loop(j)
	}
	select {
	case <-stop:
	case <-ctx.Done():
	}
	d.shutdown()
	d.loops.Wait()
	d.Logger.Info("schedule stopped")
	return nil
}

// RunJob runs the job called name once now (with retries), as trailhouse
// run does, and returns its last record. Closing stop drains it as Run
// does.
func (d *Daemon) RunJob(ctx context.Context, name string, stop <-chan struct{}) (*Record, error) {
	j, err := d.Config.Job(name)
	if err != nil {
		return nil, err
	}
	d.init(ctx)
	defer d.cancel()
	d.loadNewest(j)
	d.trigger(j, TriggerManual, time.Time{})
	done := make(chan struct{})
	go func() { d.runs.Wait(); close(done) }()
	select {
	case <-done:
	case <-stop:
		d.shutdown()
	case <-ctx.Done():
		d.shutdown()
	}
	<-done
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.last[name], nil
}

// Healthy reports whether the daemon is scheduling (not stopping).
func (d *Daemon) Healthy() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopping == nil {
		return false
	}
	select {
	case <-d.stopping:
		return false
	default:
		return true
	}
}

// shutdown stops scheduling, drains the runs in progress for the grace
// period, then cancels them and waits.
func (d *Daemon) shutdown() {
	// Closed under d.mu: trigger checks it and adds to d.runs under d.mu,
	// so once it is closed no run is added while d.runs is waited on.
	d.mu.Lock()
	d.stopOnce.Do(func() { close(d.stopping) })
	d.mu.Unlock()
	d.Metrics.setUp(false)
	done := make(chan struct{})
	go func() { d.runs.Wait(); close(done) }()
	select {
	case <-done:
		return
	default:
	}
	d.Logger.Info("stopping: letting the runs in progress finish", "grace_period", d.Config.GracePeriod)
	after, stopTimer := d.Clock.After(d.Config.GracePeriod)
	defer stopTimer()
	select {
	case <-done:
	case <-after:
		d.Logger.Warn("grace period over: cancelling the runs in progress; the next run completes them")
		d.cancel()
		<-done
	}
}

func (d *Daemon) isStopping() bool {
	select {
	case <-d.stopping:
		return true
	default:
		return false
	}
}

// loop fires job on its schedule until the daemon stops.
func (d *Daemon) loop(j *Job) {
	defer d.loops.Done()
	d.loadNewest(j)
	if j.CatchUp {
		d.catchUp(j)
	}
	for {
		now := d.Clock.Now()
		next := j.Schedule.Next(now)
		if next.IsZero() {
			d.Logger.Warn("schedule never fires again", "job", j.Name, "schedule", j.Spec)
			return
		}
		d.Metrics.setNext(j, next)
		after, stopTimer := d.Clock.After(next.Sub(now))
		select {
		case <-d.stopping:
			stopTimer()
			return
		case <-after:
		}
		d.trigger(j, TriggerSchedule, next)
	}
}

// catchUp runs j once if a fire was missed since its last success.
func (d *Daemon) catchUp(j *Job) {
	last, ok, err := d.History.LastSuccess(d.runCtx, j.Name)
	switch {
	case err != nil:
		d.Logger.Error("cannot read the run history; no catch-up", "job", j.Name, "error", err)
	case !ok:
		d.Logger.Info("no successful run in the history: first run on schedule", "job", j.Name,
			"next", j.Schedule.Next(d.Clock.Now()))
	default:
		d.Metrics.setLastSuccess(j, last)
		now := d.Clock.Now()
		if missed := j.Schedule.Next(last); !missed.After(now) {
			d.Logger.Info("catching up: a scheduled run was missed", "job", j.Name,
				"last_success", last, "missed", missed)
			d.trigger(j, TriggerCatchUp, missed)
		}
	}
}

// loadNewest takes the newest event known from j's recent records.
func (d *Daemon) loadNewest(j *Job) {
	if j.Kind != KindConvert {
		return
	}
	t, err := NewestEvent(d.runCtx, d.History, j.Name, 10)
	if err != nil {
		d.Logger.Warn("cannot read the run history", "job", j.Name, "error", err)
		return
	}
	d.mu.Lock()
	d.newest[j.Name] = t
	d.mu.Unlock()
	if t != nil {
		d.Metrics.setNewestEvent(*t)
	}
}

// trigger starts j unless it is running or the daemon is stopping.
func (d *Daemon) trigger(j *Job, trigger string, scheduled time.Time) {
	d.mu.Lock()
	if d.isStopping() {
		d.mu.Unlock()
		return
	}
	if d.running[j.Name] {
		d.mu.Unlock()
		d.Logger.Warn("skipped: the previous run is still running", "job", j.Name, "scheduled", scheduled)
		d.Metrics.skipped(j)
		return
	}
	d.running[j.Name] = true
	d.runs.Add(1)
	d.mu.Unlock()
	go d.execute(j, trigger, scheduled)
}

// execute runs j with its retries.
func (d *Daemon) execute(j *Job, trigger string, scheduled time.Time) {
	defer d.runs.Done()
	defer func() {
		d.mu.Lock()
		d.running[j.Name] = false
		d.mu.Unlock()
		d.Metrics.setRunning(j, false)
	}()
	d.Metrics.setRunning(j, true)
	for attempt := 1; ; attempt++ {
		rec, err := d.attempt(j, trigger, attempt, scheduled)
		if rec.Success() || d.isStopping() || errors.Is(err, ErrPermanent) || attempt >= j.Retry.Attempts {
			if !rec.Success() && attempt >= j.Retry.Attempts && j.Retry.Attempts > 1 {
				d.Logger.Error("giving up after retries", "job", j.Name, "attempts", attempt)
			}
			return
		}
		delay := j.Retry.Delay(attempt)
		d.Logger.Warn("run failed; retrying", "job", j.Name, "attempt", attempt, "retry_in", delay, "error", err)
		after, stopTimer := d.Clock.After(delay)
		select {
		case <-after:
		case <-d.stopping:
			stopTimer()
			return
		}
		trigger = TriggerRetry
	}
}

// attempt runs j once and records it.
func (d *Daemon) attempt(j *Job, trigger string, attempt int, scheduled time.Time) (*Record, error) {
	rec := &Record{Job: j.Name, Kind: j.Kind, Trigger: trigger, Attempt: attempt, Scheduled: scheduled,
		Started: d.Clock.Now().UTC(), Host: d.Host, Version: d.Version}
	d.Logger.Info("run started", "job", j.Name, "kind", j.Kind, "trigger", trigger, "attempt", attempt)
	ctx := d.runCtx
	if j.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, j.Timeout)
		defer cancel()
	}
	err := d.safeExecute(ctx, j, rec)
	rec.Finished = d.Clock.Now().UTC()
	rec.Seconds = rec.Finished.Sub(rec.Started).Seconds()
	switch {
	case err != nil && (d.isStopping() || d.runCtx.Err() != nil):
		rec.Outcome = OutcomeStopped
		rec.Errors = append([]string{err.Error()}, rec.Errors...)
	case err != nil:
		rec.Outcome = OutcomeFailed
		rec.Errors = append([]string{err.Error()}, rec.Errors...)
	case rec.Outcome == "":
		rec.Outcome = OutcomeOK
	}
	d.mu.Lock()
	if j.Kind == KindConvert {
		if rec.NewestEvent == nil {
			rec.NewestEvent = d.newest[j.Name]
		} else if old := d.newest[j.Name]; old != nil && old.After(*rec.NewestEvent) {
			rec.NewestEvent = old
		}
		d.newest[j.Name] = rec.NewestEvent
	}
	d.last[j.Name] = rec
	d.mu.Unlock()

	saveCtx, cancel := context.WithTimeout(context.WithoutCancel(d.runCtx), time.Minute)
	defer cancel()
	if serr := d.History.Save(saveCtx, rec); serr != nil {
		d.Logger.Error("cannot save the run record", "job", j.Name, "error", serr)
	}
	d.Metrics.observe(j, rec)
	attrs := []any{"job", j.Name, "outcome", rec.Outcome, "seconds", rec.Seconds, "events", rec.Events,
		"bytes_in", rec.BytesIn, "bytes_out", rec.BytesOut}
	switch rec.Outcome {
	case OutcomeOK:
		d.Logger.Info("run finished", attrs...)
	case OutcomeProblems:
		d.Logger.Warn("run finished with problems", append(attrs, "problems", rec.BadObjects, "first", first(rec.Errors))...)
	default:
		d.Logger.Error("run did not finish", append(attrs, "error", first(rec.Errors))...)
	}
	return rec, err
}

// safeExecute turns a panic in a job into a failure of that run.
func (d *Daemon) safeExecute(ctx context.Context, j *Job, rec *Record) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: job %s panicked: %v", ErrPermanent, j.Name, r)
		}
	}()
	return d.Exec.Execute(ctx, j, d.stopping, rec)
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
