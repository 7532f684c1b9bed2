package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/lease"
	"github.com/trailhouse/trailhouse/internal/objstore"
)

// Incremental configures an incremental run: only objects not converted by
// an earlier run are converted, and the run commits what it converted to
// the state kept in the lake.
type Incremental struct {
	// Lookback is how many delivery days before each account/region's
	// newest day are listed again for late deliveries (the CLI's default
	// is 7; 0 lists from the newest day on). Negative is invalid.
	Lookback int
	// Shard and Shards split the work: this run takes the account/region
	// streams whose hash modulo Shards is Shard. Default 0 of 1.
	Shard, Shards int
	// LeaseTTL is how long the run's lease lasts without renewal. Default 5m.
	LeaseTTL time.Duration
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
	// Fault, if set, is called at each step of the commit protocol
	// ("planned", "written", "committed"); an error stops the run right
	// there, the way a crash would. For fault-injection tests.
	Fault func(step string) error
}

// IncrementalReport says what an incremental run looked at.
type IncrementalReport struct {
	Shard          string `json:"shard"`
	Lookback       int    `json:"lookback_days"`
	Streams        int    `json:"streams"`         // account/region folders listed
	StreamsSkipped int    `json:"streams_skipped"` // other shards'
	Days           int    `json:"days_listed"`
	Listed         int    `json:"objects_listed"`
	New            int    `json:"objects_new"`
	AlreadyDone    int    `json:"objects_already_converted"`
	Expired        int    `json:"objects_before_window"` // in days no longer tracked: not converted
	Changed        int    `json:"objects_changed"`       // converted before with other content: not converted again
	Retried        int    `json:"objects_left_for_retry"`
	Recovered      string `json:"recovered_run,omitempty"` // a crashed run completed first
	StateObjects   int    `json:"state_objects"`
	Layout         bool   `json:"layout"` // false: no AWSLogs/ tree, every object listed
	// Unlisted are folders outside the layout whose listing failed: they
	// were skipped, and a later run converts their objects.
	Unlisted []string `json:"unlisted_folders,omitempty"`
}

func (o *Incremental) defaults() {
	if o.Shards <= 0 {
		o.Shards = 1
	}
	if o.LeaseTTL <= 0 {
		o.LeaseTTL = 5 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// ErrShard: a shard spec that is not i/n with 0 <= i < n.
var ErrShard = errors.New("invalid shard")

// ShardName names a shard for leases and state files.
func ShardName(i, n int) string { return fmt.Sprintf("shard-%d-of-%d", i, n) }

// InShard reports whether an account/region belongs to shard i of n.
func InShard(shardKey string, i, n int) bool {
	if n <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(shardKey))
	return int(h.Sum32()%uint32(n)) == i
}

func (o *Incremental) fault(step string) error {
	if o.Fault == nil {
		return nil
	}
	if err := o.Fault(step); err != nil {
		return fmt.Errorf("fault at %s: %w", step, err)
	}
	return nil
}

// runIncremental is Convert with state: take the shard's lease, complete a
// crashed run if one is pending, list what is new, convert it, commit.
func runIncremental(ctx context.Context, opt Options, rep *Report) (*Report, error) {
	inc := *opt.Incremental
	inc.defaults()
	if inc.Lookback < 0 {
		return nil, fmt.Errorf("incremental run: negative look-back %d", inc.Lookback)
	}
	if inc.Shard < 0 || inc.Shard >= inc.Shards {
		return nil, fmt.Errorf("%w: %d/%d", ErrShard, inc.Shard, inc.Shards)
	}
	shard := ShardName(inc.Shard, inc.Shards)
	ir := &IncrementalReport{Shard: fmt.Sprintf("%d/%d", inc.Shard, inc.Shards), Lookback: inc.Lookback}
	rep.Incremental = ir

	source := opt.From.URI(opt.FromPrefix)
	leaseName := "convert-" + ingest.SourceID(source) + "-" + shard
	if err := checkShardCount(ctx, opt.To, leaseName, inc); err != nil {
		return nil, err
	}
	l, err := lease.Acquire(ctx, opt.To, leaseName, lease.Options{
		TTL: inc.LeaseTTL, Now: inc.Now, Holder: lease.Holder(rep.Started.Format("20060102T150405Z")),
	})
	if err != nil {
		return nil, err
	}
	defer l.Release(context.WithoutCancel(ctx))

	states := ingest.NewStateStore(opt.To, source)
	mine := func(prefix string) bool {
		if prefix == "" {
			return inc.Shard == 0 // exports belong to shard 0
		}
		return InShard(ingest.ShardKeyOf(prefix), inc.Shard, inc.Shards)
	}
	state, err := states.Load(ctx)
	if err != nil {
		return nil, err
	}
	now := inc.Now().UTC()

	// 1. A run that was killed first: the same objects under the same run
	// ID give the same files, which replace whatever it left.
	pending, err := states.ReadPending(ctx, shard)
	if err != nil {
		return nil, err
	}
	if opt.FromPrefix != "" {
		// Runs before ingest.SplitSource rooted the store at FromPrefix.
		state.Reroot(opt.FromPrefix)
		if pending != nil {
			pending.Reroot(opt.FromPrefix)
		}
	}
	if pending != nil {
		opt.Logger.Warn("completing a run that did not finish", "run", pending.RunID, "objects", len(pending.Objects))
		objs := make([]ingest.Object, len(pending.Objects))
		streams := make([]ingest.Stream, len(pending.Objects))
		for i, po := range pending.Objects {
			objs[i], streams[i] = po.Object, ingest.Stream{Prefix: po.Stream}
		}
		// Not drained: the files of this run ID must all be rewritten.
		out, err := convertObjects(ctx, opt, objs, pending.RunID, nil, rep)
		if err != nil {
			return nil, err
		}
		addConverted(state, objs, streams, out, now, ir)
		// Its streams were listed through its day: without saying so, the
		// listing below would go day by day from its oldest object's day
		// (after a killed backfill, years of empty day folders).
		for _, s := range streams {
			state.Touch(s, pending.Listed, now)
		}
		holdWatermarks(state, objs, streams, out, inc.Lookback)
		if err := commitState(ctx, l, states, shard, state, mine, true, &inc); err != nil {
			return nil, err
		}
		ir.Recovered = pending.RunID
	}

	// 2. What is new. A drain from here on stops the run; before any
	// object is planned, nothing is committed.
	stop := func(notStarted int) (*Report, error) {
		rep.Stopped, rep.NotStarted = true, notStarted
		opt.Logger.Warn("stopped on request before converting anything new", "found", notStarted)
		return rep, finishReport(ctx, opt, rep)
	}
	if isClosed(opt.Drain) {
		return stop(0)
	}
	today := now.Format(time.DateOnly)
	next := state.Clone()
	var (
		objs    []ingest.Object
		streams []ingest.Stream
	)
	var listed atomic.Int64
	stopProgress := startProgress(opt.Progress, func() Progress { return Progress{Phase: "list", ObjectsDone: listed.Load()} })
	ws, err := ingest.Walk(ctx, opt.From, opt.FromPrefix, ingest.WalkOptions{
		Since:   func(s ingest.Stream) string { return state.Since(s, inc.Lookback) },
		After:   func(s ingest.Stream) string { return state.Newest(s) },
		Until:   now.Add(24 * time.Hour),
		Include: func(s ingest.Stream) bool { return mine(s.Prefix) },
		Listed:  func(s ingest.Stream) { next.Touch(s, today, now) },
		// The source is listed as it is read: a request per folder.
		Concurrency: opt.GetConcurrency,
	}, func(s ingest.Stream, o ingest.Object) error {
		if isClosed(opt.Drain) {
			return errDrained
		}
		switch o.Info.Kind {
		case ingest.Log, ingest.Insight:
		case ingest.Digest:
			rep.DigestObjects++
			return nil
		default:
			rep.SkippedObjects++
			return nil
		}
		ir.Listed++
		listed.Add(1)
		if badKey(opt, rep, o) {
			return nil
		}
		switch state.Check(s, o) {
		case ingest.Done:
			ir.AlreadyDone++
		case ingest.Expired:
			ir.Expired++
		case ingest.Changed:
			ir.Changed++
			opt.Logger.Warn("object changed after it was converted; not converted again",
				"object", opt.From.URI(o.Key), "size", o.Size, "etag", o.ETag)
		default:
			objs, streams = append(objs, o), append(streams, s)
		}
		return nil
	})
	stopProgress()
	if errors.Is(err, errDrained) || err == nil && isClosed(opt.Drain) {
		return stop(len(objs))
	}
	if err != nil {
		return nil, err
	}
	ir.Streams, ir.StreamsSkipped, ir.Days, ir.Layout, ir.New = ws.Streams, ws.StreamsSkipped, ws.Days, ws.Layout, len(objs)
	for _, u := range ws.Unlisted {
		opt.Logger.Warn("folder not listed; its objects wait for a run that can list it", "folder", opt.From.URI(u.Prefix), "error", u.Err)
		ir.Unlisted = append(ir.Unlisted, opt.From.URI(u.Prefix)+": "+u.Err.Error())
	}
	opt.Logger.Info("listed source", "source", source, "streams", ws.Streams, "days", ws.Days,
		"listed", ir.Listed, "new", len(objs))

	// 3. Plan, written before any Parquet file; then convert and commit.
	rep.RunID = runID(objs)
	var out []outcome
	if len(objs) > 0 {
		p := &ingest.Pending{RunID: rep.RunID, Listed: today}
		for i, o := range objs {
			p.Objects = append(p.Objects, ingest.PendingObject{Object: o, Stream: streams[i].Prefix})
		}
		if err := states.WritePending(ctx, shard, p); err != nil {
			return nil, fmt.Errorf("plan run: %w", err)
		}
		if err := inc.fault("planned"); err != nil {
			return nil, err
		}
		if out, err = convertObjects(ctx, opt, objs, rep.RunID, opt.Drain, rep); err != nil {
			return nil, err
		}
		if err := inc.fault("written"); err != nil {
			return nil, err
		}
	}
	addConverted(next, objs, streams, out, now, ir)
	holdWatermarks(next, objs, streams, out, inc.Lookback)
	next.Prune(inc.Lookback)
	ir.StateObjects = next.Objects()
	if err := commitState(ctx, l, states, shard, next, mine, len(objs) > 0, &inc); err != nil {
		return nil, err
	}
	return rep, finishReport(ctx, opt, rep)
}

// errDrained stops a listing when the run is drained.
var errDrained = errors.New("drained")

// isClosed reports whether ch is closed (a nil ch never is).
func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// addConverted records in st the objects of objs that were converted (out
// says which); the others are left for the next run: those nothing of
// which could be converted (problems marked Retry) and those not started
// (a drained run).
func addConverted(st *ingest.State, objs []ingest.Object, streams []ingest.Stream, out []outcome, now time.Time, ir *IncrementalReport) {
	for i, o := range objs {
		switch out[i] {
		case converted:
			st.Add(streams[i], o, now)
		case retry:
			ir.Retried++
		}
	}
}

// holdWatermarks keeps the objects left for the next run (not started, or
// nothing converted) inside the days it lists: a listed stream's watermark
// advances to today (State.Touch) and days older than the look-back window
// before it are pruned and never listed again, so without this an object
// of an older day left over by a first run over a bucket's history would
// never be converted. The watermark is held at most lookback days after the
// oldest such object's day; that is never below the old watermark (the
// object was listed, so its day is within the old window), and pruning
// then forgets only days the next run does not list.
func holdWatermarks(st *ingest.State, objs []ingest.Object, streams []ingest.Stream, out []outcome, lookback int) {
	for i, o := range objs {
		if out[i] == converted || streams[i].Prefix == "" || o.Info.Date == "" {
			continue
		}
		ss := st.Streams[streams[i].Prefix]
		day, err := time.Parse(time.DateOnly, o.Info.Date)
		if ss == nil || err != nil {
			continue
		}
		if limit := day.AddDate(0, 0, lookback).Format(time.DateOnly); ss.Watermark > limit {
			ss.Watermark = limit
		}
	}
}

// commitState checks the lease, replaces the shard's state file with st
// (the run's commit point) and then ends the pending run, if any.
func commitState(ctx context.Context, l *lease.Lease, states *ingest.StateStore, shard string, st *ingest.State,
	mine func(string) bool, pending bool, inc *Incremental) error {
	if err := l.Check(ctx); err != nil {
		return fmt.Errorf("commit state: %w", err)
	}
	if err := states.Save(ctx, shard, st, mine); err != nil {
		return fmt.Errorf("commit state: %w", err)
	}
	if err := inc.fault("committed"); err != nil {
		return err
	}
	if pending {
		return states.DeletePending(ctx, shard)
	}
	return nil
}

// checkShardCount refuses to start while a live lease of this source with
// another shard count exists: shards of different counts overlap.
func checkShardCount(ctx context.Context, lake objstore.Store, leaseName string, inc Incremental) error {
	recs, err := lease.List(ctx, lake)
	if err != nil {
		return fmt.Errorf("list leases: %w", err)
	}
	now := inc.Now()
	source := leaseName[:strings.Index(leaseName, "-shard-")+len("-shard-")]
	suffix := fmt.Sprintf("-of-%d", inc.Shards)
	for name, r := range recs {
		if !strings.HasPrefix(name, source) || strings.HasSuffix(name, suffix) || r.Released || !r.Expires.After(now) {
			continue
		}
		return fmt.Errorf("%w: lease %s is held by %s, a run with another shard count; all workers must use the same --shard count",
			ErrShard, name, r.Holder)
	}
	return nil
}
