package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
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
	// newest day are listed again for late deliveries. Default 7.
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
	AlreadyDone    int    `json:"objects_already_converted"`
	Expired        int    `json:"objects_before_window"` // in days no longer tracked: not converted
	Changed        int    `json:"objects_changed"`       // converted before with other content: not converted again
	Retried        int    `json:"objects_left_for_retry"`
	Recovered      string `json:"recovered_run,omitempty"` // a crashed run completed first
	StateObjects   int    `json:"state_objects"`
	Layout         bool   `json:"layout"` // false: no AWSLogs/ tree, every object listed
}

// pendingRun is written before a run writes any Parquet file, and deleted
// once its state is committed. A run that finds one completes it first:
// the same objects under the same run ID give the same files, which
// replace whatever the crashed run left, and then the state it planned.
type pendingRun struct {
	RunID   string          `json:"run_id"`
	Objects []pendingObject `json:"objects"`
	Next    *ingest.State   `json:"next_state"`
}

type pendingObject struct {
	objstore.Object
	Info ingest.KeyInfo `json:"info"`
}

func (o *Incremental) defaults() {
	if o.Lookback <= 0 {
		o.Lookback = 7
	}
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
	if inc.Shard < 0 || inc.Shard >= inc.Shards {
		return nil, fmt.Errorf("%w: %d/%d", ErrShard, inc.Shard, inc.Shards)
	}
	shard := ShardName(inc.Shard, inc.Shards)
	ir := &IncrementalReport{Shard: fmt.Sprintf("%d/%d", inc.Shard, inc.Shards), Lookback: inc.Lookback}
	rep.Incremental = ir

	source := opt.From.URI(opt.FromPrefix)
	if err := checkShardCount(ctx, opt.To, inc); err != nil {
		return nil, err
	}
	l, err := lease.Acquire(ctx, opt.To, "convert-"+shardLeaseID(source)+"-"+shard, lease.Options{
		TTL: inc.LeaseTTL, Now: inc.Now, Holder: lease.Holder(rep.Started.Format("20060102T150405Z")),
	})
	if err != nil {
		return nil, err
	}
	defer l.Release(context.WithoutCancel(ctx))

	states := ingest.NewStateStore(opt.To, source)
	pendingKey := states.Key("pending-" + shard + ".json.gz")
	mine := func(prefix string) bool {
		if prefix == "" {
			return inc.Shard == 0 // exports belong to shard 0
		}
		return InShard(streamShardKey(prefix), inc.Shard, inc.Shards)
	}

	// 1. A crashed run first.
	if b, err := ingest.ReadGzipJSONObject(ctx, opt.To, pendingKey); err == nil {
		var p pendingRun
		if err := json.Unmarshal(b, &p); err != nil || p.Next == nil {
			return nil, fmt.Errorf("pending run %s: unreadable (%v); remove it only after checking the lake", opt.To.URI(pendingKey), err)
		}
		opt.Logger.Warn("completing a run that did not finish", "run", p.RunID, "objects", len(p.Objects))
		objs := make([]ingest.Object, len(p.Objects))
		for i, po := range p.Objects {
			objs[i] = ingest.Object{Object: po.Object, Info: po.Info}
		}
		if err := convertObjects(ctx, opt, objs, p.RunID, rep); err != nil {
			return nil, err
		}
		if err := commitState(ctx, l, states, shard, p.Next, mine, pendingKey, &inc); err != nil {
			return nil, err
		}
		ir.Recovered = p.RunID
	} else if !errors.Is(err, objstore.ErrNotFound) {
		return nil, fmt.Errorf("pending run: %w", err)
	}

	// 2. What is new.
	state, err := states.Load(ctx)
	if err != nil {
		return nil, err
	}
	now := inc.Now().UTC()
	today := now.Format(time.DateOnly)
	next := state.Clone()
	var objs []ingest.Object
	streamOf := map[string]ingest.Stream{}
	ws, err := ingest.Walk(ctx, opt.From, opt.FromPrefix, ingest.WalkOptions{
		Since:   func(s ingest.Stream) string { return state.Since(s, inc.Lookback) },
		Until:   now.Add(24 * time.Hour),
		Include: func(s ingest.Stream) bool { return mine(s.Prefix) },
		Listed:  func(s ingest.Stream) { next.Touch(s, today, now) },
	}, func(s ingest.Stream, o ingest.Object) error {
		if s.Prefix == "" && !mine("") {
			return nil
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
			objs = append(objs, o)
			streamOf[o.Key] = s
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ir.Streams, ir.StreamsSkipped, ir.Days, ir.Layout = ws.Streams, ws.StreamsSkipped, ws.Days, ws.Layout
	opt.Logger.Info("listed source", "source", source, "streams", ws.Streams, "days", ws.Days,
		"listed", ir.Listed, "new", len(objs))

	// 3. Plan: the state after this run, written before any Parquet file.
	for _, o := range objs {
		next.Add(streamOf[o.Key], o, now)
	}
	next.Prune(inc.Lookback)
	ir.StateObjects = next.Objects()
	if len(objs) == 0 {
		if err := commitState(ctx, l, states, shard, next, mine, "", &inc); err != nil {
			return nil, err
		}
		return rep, finishReport(ctx, opt, rep)
	}
	rep.RunID = runID(objs)
	p := pendingRun{RunID: rep.RunID, Next: next}
	for _, o := range objs {
		p.Objects = append(p.Objects, pendingObject{Object: o.Object, Info: o.Info})
	}
	pb, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	if err := ingest.WriteGzipObject(ctx, opt.To, pendingKey, pb); err != nil {
		return nil, fmt.Errorf("plan run: %w", err)
	}
	if err := inc.fault("planned"); err != nil {
		return nil, err
	}

	// 4. Convert, then commit.
	if err := convertObjects(ctx, opt, objs, rep.RunID, rep); err != nil {
		return nil, err
	}
	if err := inc.fault("written"); err != nil {
		return nil, err
	}
	// Objects that could not be fetched are left for the next run.
	byKey := map[string]ingest.Object{}
	for _, o := range objs {
		byKey[o.Key] = o
	}
	for _, pr := range rep.Problems {
		if o, ok := byKey[pr.key]; ok && pr.Retry {
			ir.Retried++
			next.Remove(streamOf[o.Key], o)
		}
	}
	if err := commitState(ctx, l, states, shard, next, mine, pendingKey, &inc); err != nil {
		return nil, err
	}
	return rep, finishReport(ctx, opt, rep)
}

// commitState checks the lease, replaces the shard's state file with next
// and deletes the pending record (if any): the run's commit point is the
// state write.
func commitState(ctx context.Context, l *lease.Lease, states *ingest.StateStore, shard string, next *ingest.State,
	mine func(string) bool, pendingKey string, inc *Incremental) error {
	if err := l.Check(ctx); err != nil {
		return fmt.Errorf("commit state: %w", err)
	}
	if err := states.Save(ctx, shard, next, mine); err != nil {
		return fmt.Errorf("commit state: %w", err)
	}
	if err := inc.fault("committed"); err != nil {
		return err
	}
	if pendingKey != "" {
		return states.Delete(ctx, pendingKey)
	}
	return nil
}

// streamShardKey is the account/region of a stream prefix
// ".../AWSLogs/[o-x/]ACCOUNT/KIND/REGION/", as ingest.Stream.ShardKey.
func streamShardKey(prefix string) string {
	parts := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
	if len(parts) < 3 {
		return prefix
	}
	return parts[len(parts)-3] + "/" + parts[len(parts)-1]
}

// shardLeaseID keeps leases of different sources apart.
func shardLeaseID(source string) string {
	h := sha256.Sum256([]byte(source))
	return hex.EncodeToString(h[:4])
}

// checkShardCount refuses to start while a live lease of another shard
// count exists for the lake: shards of different counts overlap.
func checkShardCount(ctx context.Context, lake objstore.Store, inc Incremental) error {
	recs, err := lease.List(ctx, lake)
	if err != nil {
		return fmt.Errorf("list leases: %w", err)
	}
	now := inc.Now()
	suffix := fmt.Sprintf("-of-%d", inc.Shards)
	for name, r := range recs {
		if !strings.HasPrefix(name, "convert-") || strings.HasSuffix(name, suffix) || r.Released || !r.Expires.After(now) {
			continue
		}
		return fmt.Errorf("%w: lease %s is held by %s, a run with another shard count; all workers must use the same --shard count",
			ErrShard, name, r.Holder)
	}
	return nil
}
