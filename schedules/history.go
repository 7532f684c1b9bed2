package schedules

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// HistoryDir is where run records are kept in the lake: one object per run
// (each attempt), HistoryDir/JOB/STARTED-OUTCOME.json, STARTED in UTC as
// 20060102T150405.000Z, so that names sort by time and the last success
// is found with a LIST alone.
const HistoryDir = "_trailhouse/runs/jobs/"

const historyTime = "20060102T150405.000Z"

// Outcomes of a run.
const (
	OutcomeOK       = "ok"       // everything converted (compacted, deleted)
	OutcomeProblems = "problems" // the run finished; some objects had problems (see errors)
	OutcomeFailed   = "failed"   // the run failed; the lake is as before it, or completed by the next run
	OutcomeStopped  = "stopped"  // the daemon stopped it (SIGTERM); the next run completes it
)

// Triggers of a run.
const (
	TriggerSchedule = "schedule"
	TriggerCatchUp  = "catch-up"
	TriggerRetry    = "retry"
	TriggerManual   = "manual"
)

// Record is one run of a job, as stored in the lake.
type Record struct {
	Job       string    `json:"job"`
	Kind      string    `json:"kind"`
	Trigger   string    `json:"trigger"`
	Attempt   int       `json:"attempt"`
	Scheduled time.Time `json:"scheduled,omitzero"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	Outcome   string    `json:"outcome"`
	Seconds   float64   `json:"seconds"`
	// Events converted (convert) or rows written (compact).
	Events     int64 `json:"events"`
	Objects    int   `json:"objects,omitempty"`
	BadObjects int   `json:"bad_objects,omitempty"`
	BytesIn    int64 `json:"bytes_in"`
	BytesOut   int64 `json:"bytes_out"`
	// NewestEvent is the newest eventTime in the lake known after the run
	// (convert jobs), for the lag.
	NewestEvent *time.Time `json:"newest_event,omitempty"`
	// Errors: the failure, or the first problem lines of a run with
	// problems.
	Errors []string `json:"errors,omitempty"`
	// Report is the convert run report's key in the lake.
	Report    string            `json:"report,omitempty"`
	Compact   *CompactSummary   `json:"compact,omitempty"`
	Retention *RetentionSummary `json:"retention,omitempty"`
	Host      string            `json:"host,omitempty"`
	Version   string            `json:"version,omitempty"`
}

// CompactSummary is what a compact run did.
type CompactSummary struct {
	Partitions  int   `json:"partitions"`
	InputFiles  int   `json:"input_files"`
	OutputFiles int   `json:"output_files"`
	RowsIn      int64 `json:"rows_in"`
	Duplicates  int64 `json:"duplicates"`
}

// RetentionSummary is what a retention run deleted, or would delete.
type RetentionSummary struct {
	DryRun     bool     `json:"dry_run"`
	KeepDays   int      `json:"keep_days"`
	Cutoff     string   `json:"cutoff"` // partitions dated before this day
	Partitions int      `json:"partitions"`
	Files      int      `json:"files"`
	Bytes      int64    `json:"bytes"`
	Listed     []string `json:"partition_dirs,omitempty"` // the first ones
}

// Success reports whether the run finished (with or without object
// problems, which a retry does not fix).
func (r *Record) Success() bool { return r.Outcome == OutcomeOK || r.Outcome == OutcomeProblems }

// Key is the record's key in the lake.
func (r *Record) Key() string {
	return HistoryDir + r.Job + "/" + r.Started.UTC().Format(historyTime) + "-" + r.Outcome + ".json"
}

// History keeps run records.
//
// Contract: Save stores a record (and may drop old ones, never the newest
// success of the job). Runs returns the job's newest n records (all if n
// <= 0), newest first. LastSuccess returns the start time of the job's
// newest successful run, ok false if there is none. Safe for concurrent
// use.
type History interface {
	Save(ctx context.Context, r *Record) error
	Runs(ctx context.Context, job string, n int) ([]*Record, error)
	LastSuccess(ctx context.Context, job string) (t time.Time, ok bool, err error)
}

// LakeHistory is History in a lake, under HistoryDir.
type LakeHistory struct {
	Lake objstore.Store
	// Keep is how many records of each job are kept (default
	// DefaultHistoryKeep); the newest success is always kept.
	Keep int
}

type histEntry struct {
	key     string
	started time.Time
	outcome string
}

func (h *LakeHistory) list(ctx context.Context, job string) ([]histEntry, error) {
	var out []histEntry
	err := h.Lake.List(ctx, HistoryDir+job+"/", func(o objstore.Object) error {
		name := o.Key[strings.LastIndexByte(o.Key, '/')+1:]
		stem, ok := strings.CutSuffix(name, ".json")
		ts, outcome, ok2 := strings.Cut(stem, "-")
		if !ok || !ok2 {
			return nil
		}
		t, err := time.Parse(historyTime, ts)
		if err != nil {
			return nil // not ours
		}
		out = append(out, histEntry{key: o.Key, started: t, outcome: outcome})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("run history of %s: %w", job, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out, nil
}

func success(outcome string) bool { return outcome == OutcomeOK || outcome == OutcomeProblems }

// Save implements History.
func (h *LakeHistory) Save(ctx context.Context, r *Record) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	w, err := h.Lake.Create(ctx, r.Key())
	if err != nil {
		return fmt.Errorf("save run record %s: %w", h.Lake.URI(r.Key()), err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		w.Abort()
		return fmt.Errorf("save run record %s: %w", h.Lake.URI(r.Key()), err)
	}
	if err := w.Commit(); err != nil {
		return fmt.Errorf("save run record %s: %w", h.Lake.URI(r.Key()), err)
	}
	return h.prune(ctx, r.Job)
}

func (h *LakeHistory) prune(ctx context.Context, job string) error {
	keep := h.Keep
	if keep <= 0 {
		keep = DefaultHistoryKeep
	}
	es, err := h.list(ctx, job)
	if err != nil || len(es) <= keep {
		return err
	}
	lastOK := ""
	for _, e := range es {
		if success(e.outcome) {
			lastOK = e.key
		}
	}
	for _, e := range es[:len(es)-keep] {
		if e.key == lastOK {
			continue
		}
		if err := h.Lake.Delete(ctx, e.key); err != nil {
			return fmt.Errorf("prune run history of %s: %w", job, err)
		}
	}
	return nil
}

// Runs implements History.
func (h *LakeHistory) Runs(ctx context.Context, job string, n int) ([]*Record, error) {
	es, err := h.list(ctx, job)
	if err != nil {
		return nil, err
	}
	if n > 0 && len(es) > n {
		es = es[len(es)-n:]
	}
	out := make([]*Record, 0, len(es))
	for i := len(es) - 1; i >= 0; i-- {
		r, err := h.read(ctx, es[i].key)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (h *LakeHistory) read(ctx context.Context, key string) (*Record, error) {
	rc, err := h.Lake.Open(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("read run record: %w", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("read run record %s: %w", h.Lake.URI(key), err)
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("read run record %s: %w", h.Lake.URI(key), err)
	}
	return &r, nil
}

// LastSuccess implements History.
func (h *LakeHistory) LastSuccess(ctx context.Context, job string) (time.Time, bool, error) {
	es, err := h.list(ctx, job)
	if err != nil {
		return time.Time{}, false, err
	}
	for i := len(es) - 1; i >= 0; i-- {
		if success(es[i].outcome) {
			return es[i].started, true, nil
		}
	}
	return time.Time{}, false, nil
}

// NewestEvent returns the newest NewestEvent among the job's last n
// records, or nil.
func NewestEvent(ctx context.Context, h History, job string, n int) (*time.Time, error) {
	rs, err := h.Runs(ctx, job, n)
	if err != nil {
		return nil, err
	}
	var newest *time.Time
	for _, r := range rs {
		if r.NewestEvent != nil && (newest == nil || r.NewestEvent.After(*newest)) {
			newest = r.NewestEvent
		}
	}
	return newest, nil
}
