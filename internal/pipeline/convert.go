package pipeline

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trailhouse/trailhouse/convert"
	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/partition"
)

// Options configure a conversion run.
type Options struct {
	From       objstore.Store
	FromPrefix string
	To         objstore.Store
	// Workers decode objects in parallel. Default GOMAXPROCS.
	Workers int
	// MemoryBudget bounds buffered rows before they spill to TempDir.
	MemoryBudget int64
	TempDir      string
	// Progress, if set, is called about twice a second and once at the end.
	Progress func(Progress)
	Logger   *slog.Logger
	Version  string
	// MaxProblemLines bounds the item-level lines kept per object (default 5).
	MaxProblemLines int
	// Incremental, if set, converts only what is new since the last run
	// (state kept in the lake), under a lease; see runIncremental.
	Incremental *Incremental

	fromStats, toStats objstore.Stats // at the start of the run
}

// Progress is a snapshot of a running conversion.
type Progress struct {
	Phase        string // "read" or "write"
	ObjectsDone  int64
	ObjectsTotal int64
	BytesRead    int64
	BytesTotal   int64
	Events       int64
	RowsWritten  int64
	RowsTotal    int64
}

// Problem is one line of the report about an object.
type Problem struct {
	Object string `json:"object"`
	Error  string `json:"error"`
	// Fatal: the object could not be read to its end; events before the
	// failure were kept.
	Fatal bool `json:"fatal"`
	// Retry: the object could not be fetched (nothing of it was converted);
	// an incremental run leaves it for the next run.
	Retry bool `json:"retry,omitempty"`

	key string // the object's key in the source
}

// RequestStats are the store requests a run made.
type RequestStats struct {
	Source objstore.Stats `json:"source"`
	Lake   objstore.Stats `json:"lake"`
}

// Report is the outcome of a run, also stored in the lake as JSON.
type Report struct {
	RunID           string               `json:"run_id"`
	Started         time.Time            `json:"started"`
	Finished        time.Time            `json:"finished"`
	Source          string               `json:"source"`
	Lake            string               `json:"lake"`
	Objects         int                  `json:"objects"`           // objects read (logs and insights)
	InsightObjects  int                  `json:"insight_objects"`   // of which under CloudTrail-Insight/
	DigestObjects   int                  `json:"digest_objects"`    // recognised by key or content, not converted
	SkippedObjects  int                  `json:"skipped_objects"`   // not CloudTrail data by key
	BadObjects      int                  `json:"bad_objects"`       // objects with at least one problem
	Events          int64                `json:"events"`            // events decoded
	InsightEvents   int64                `json:"insight_events"`    // of which to the insights table
	RejectedItems   int64                `json:"rejected_items"`    // items that were not CloudTrail events
	Rows            int64                `json:"rows"`              // rows written
	Duplicates      int64                `json:"duplicates"`        // exact duplicates dropped
	Conflicts       int64                `json:"eventid_conflicts"` // same eventID, different content: kept
	NoEventTime     int64                `json:"no_event_time"`     // rows in date=__HIVE_DEFAULT_PARTITION__
	DefaultAccount  int64                `json:"default_account"`   // rows in account=__HIVE_DEFAULT_PARTITION__
	DefaultRegion   int64                `json:"default_region"`    // rows in region=__HIVE_DEFAULT_PARTITION__
	BytesIn         int64                `json:"bytes_in"`          // object bytes read
	BytesOut        int64                `json:"bytes_out"`         // Parquet bytes written
	Files           int                  `json:"files"`
	Partitions      int                  `json:"partitions"`
	Spills          int                  `json:"spills"`
	Seconds         float64              `json:"seconds"`
	EventsPerSecond float64              `json:"events_per_second"`
	PeakRSSBytes    int64                `json:"peak_rss_bytes"`
	Requests        RequestStats         `json:"requests"`
	Incremental     *IncrementalReport   `json:"incremental,omitempty"`
	Problems        []Problem            `json:"problems,omitempty"`
	FileList        []partition.FileInfo `json:"-"`
}

// Failed reports whether any object had a problem.
func (r *Report) Failed() bool { return r.BadObjects > 0 }

type job struct {
	obj ingest.Object
}

// Convert runs one conversion: every CloudTrail object under the source
// prefix into the lake. Problems with single objects are recorded in the
// report and the run goes on; an error return means the run itself failed
// (nothing partial is visible in the lake, but complete files may be).
func Convert(ctx context.Context, opt Options) (*Report, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxProblemLines <= 0 {
		opt.MaxProblemLines = 5
	}
	rep := &Report{Started: time.Now().UTC(), Source: opt.From.URI(opt.FromPrefix), Lake: opt.To.URI("")}
	opt.fromStats, opt.toStats = opt.From.Stats(), opt.To.Stats()
	if opt.Incremental != nil {
		return runIncremental(ctx, opt, rep)
	}

	var objs []ingest.Object
	err := ingest.Discover(ctx, opt.From, opt.FromPrefix, func(o ingest.Object) error {
		switch o.Info.Kind {
		case ingest.Log, ingest.Insight:
			objs = append(objs, o)
		case ingest.Digest:
			rep.DigestObjects++
		default:
			rep.SkippedObjects++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.RunID = runID(objs)
	if err := convertObjects(ctx, opt, objs, rep.RunID, rep); err != nil {
		return nil, err
	}
	if err := finishReport(ctx, opt, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// convertObjects converts objs into the lake as run runID (which names its
// files), adding to the counts of rep. Problems with single objects are in rep.Problems; an error
// is a failure of the run.
func convertObjects(ctx context.Context, opt Options, objs []ingest.Object, runID string, rep *Report) error {
	var bytesTotal int64
	for _, o := range objs {
		bytesTotal += o.Size
	}
	opt.Logger.Info("discovered objects", "source", rep.Source, "objects", len(objs),
		"bytes", bytesTotal, "digests", rep.DigestObjects, "skipped", rep.SkippedObjects)

	sink, err := partition.NewSink(opt.To, partition.Config{
		RunID:        runID,
		MemoryBudget: opt.MemoryBudget,
		Batches:      opt.Workers,
		TempDir:      opt.TempDir,
		Version:      opt.Version,
	})
	if err != nil {
		return err
	}
	defer sink.Abort()

	var (
		st       stats
		mu       sync.Mutex
		jobs     = make(chan ingest.Object)
		wg       sync.WaitGroup
		firstErr error
	)
	prog := func(phase string) Progress {
		return Progress{Phase: phase, ObjectsDone: st.objects.Load(), ObjectsTotal: int64(len(objs)),
			BytesRead: st.bytes.Load(), BytesTotal: bytesTotal, Events: st.events.Load()}
	}
	stopProgress := startProgress(opt.Progress, func() Progress { return prog("read") })
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w := 0; w < opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := worker{opt: &opt, batch: sink.NewBatch(), st: &st}
			for o := range jobs {
				probs, err := wk.object(ctx, o)
				mu.Lock()
				if len(probs) > 0 {
					rep.Problems = append(rep.Problems, probs...)
					rep.BadObjects++
				}
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				mu.Unlock()
			}
			if err := wk.batch.Close(); err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, o := range objs {
		select {
		case jobs <- o:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	stopProgress()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return firstErr
	}
	sort.Slice(rep.Problems, func(i, j int) bool { return rep.Problems[i].Object < rep.Problems[j].Object })
	rep.Objects += len(objs)
	rep.Events += st.events.Load()
	rep.InsightEvents += st.insights.Load()
	rep.RejectedItems += st.rejected.Load()
	rep.NoEventTime += st.noTime.Load()
	rep.DefaultAccount += st.noAccount.Load()
	rep.DefaultRegion += st.noRegion.Load()
	rep.BytesIn += st.bytes.Load()
	for _, o := range objs {
		if o.Info.Kind == ingest.Insight {
			rep.InsightObjects++
		}
	}
	rep.DigestObjects += int(st.digests.Load())

	opt.Logger.Info("writing partitions", "events", rep.Events)
	if opt.Progress != nil {
		sinkProgress := opt.Progress
		total := rep.Events
		sinkCfgProgress := func(n int64) {
			p := prog("write")
			p.RowsWritten, p.RowsTotal = n, total
			sinkProgress(p)
		}
		sink.SetProgress(sinkCfgProgress)
	}
	res, err := sink.Finish(ctx)
	if err != nil {
		return err
	}
	rep.Rows += res.Rows
	rep.Duplicates += res.Duplicates
	rep.Conflicts += res.Conflicts
	rep.Spills += res.Spills
	parts := map[partition.Key]bool{}
	for _, f := range res.Files {
		rep.BytesOut += f.Bytes
		parts[f.Key] = true
	}
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	rep.Files, rep.Partitions, rep.FileList = rep.Files+len(res.Files), rep.Partitions+len(parts), append(rep.FileList, res.Files...)
	return nil
}

// finishReport completes rep's totals and saves it in the lake.
func finishReport(ctx context.Context, opt Options, rep *Report) error {
	rep.Finished = time.Now().UTC()
	rep.Seconds = rep.Finished.Sub(rep.Started).Seconds()
	if rep.Seconds > 0 {
		rep.EventsPerSecond = float64(rep.Events) / rep.Seconds
	}
	rep.PeakRSSBytes = PeakRSS()
	rep.Requests = RequestStats{Source: opt.From.Stats().Sub(opt.fromStats), Lake: opt.To.Stats().Sub(opt.toStats)}
	return saveReport(ctx, opt.To, rep)
}

type stats struct {
	objects, bytes, events, insights, rejected, digests atomic.Int64
	noTime, noAccount, noRegion                         atomic.Int64
}

type worker struct {
	opt   *Options
	batch *partition.Batch
	st    *stats
	flat  convert.Flattener
	row   record.Row
	dec   *convert.Decoder
}

// object converts one object. Problems name the object; an error is a
// failure of the run (the sink could not take the rows).
func (w *worker) object(ctx context.Context, o ingest.Object) ([]Problem, error) {
	defer w.st.objects.Add(1)
	uri := w.opt.From.URI(o.Key)
	rc, err := w.opt.From.Open(ctx, o.Key)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// A deleted object will not come back; anything else may be transient.
		return []Problem{{Object: uri, Error: "open: " + err.Error(), Fatal: true, Retry: !errors.Is(err, objstore.ErrNotFound), key: o.Key}}, nil
	}
	defer rc.Close()
	cr := &countReader{r: rc, n: &w.st.bytes}
	if o.Size == 0 {
		return []Problem{{Object: uri, Error: convert.ErrEmpty.Error() + " (0 bytes)", Fatal: true}}, nil
	}
	if w.dec == nil {
		w.dec = &convert.Decoder{}
	}
	dec := w.dec
	if err := dec.Reset(cr); err != nil {
		return []Problem{{Object: uri, Error: err.Error(), Fatal: true}}, nil
	}
	defer dec.Close()
	hint := partition.Hint{Account: o.Info.Account, Region: o.Info.Region, Insight: o.Info.Kind == ingest.Insight}
	var probs []Problem
	itemProblem := func(msg string) {
		if len(probs) < w.opt.MaxProblemLines {
			probs = append(probs, Problem{Object: uri, Error: msg})
		} else if len(probs) == w.opt.MaxProblemLines {
			probs = append(probs, Problem{Object: uri, Error: "more problems not listed"})
		}
	}
	events, noTime := 0, 0
	for n := 0; ; n++ {
		if n%256 == 0 && ctx.Err() != nil {
			return probs, ctx.Err()
		}
		raw, err := dec.Next()
		if err == io.EOF {
			break
		}
		var ie *convert.ItemError
		if errors.As(err, &ie) {
			w.st.rejected.Add(1)
			itemProblem(ie.Error())
			continue
		}
		if err != nil {
			msg := err.Error()
			if events > 0 {
				msg += fmt.Sprintf(" (after %d events, which were kept)", events)
			}
			probs = append(probs, Problem{Object: uri, Error: msg, Fatal: true})
			break
		}
		if err := w.flat.Flatten(raw, &w.row); err != nil {
			w.st.rejected.Add(1)
			itemProblem(fmt.Sprintf("event #%d: %v", events+1, err))
			continue
		}
		events++
		w.row.Source = o.Key
		k := partition.Assign(&w.row, hint)
		if k.Date == partition.Default {
			noTime++
			w.st.noTime.Add(1)
		}
		if k.Account == partition.Default {
			w.st.noAccount.Add(1)
		}
		if k.Region == partition.Default {
			w.st.noRegion.Add(1)
		}
		if k.Table == partition.TableInsights {
			w.st.insights.Add(1)
		}
		w.st.events.Add(1)
		if err := w.batch.AddTo(k, &w.row); err != nil {
			return probs, err
		}
	}
	w.st.digests.Add(int64(dec.Digests))
	if events == 0 && dec.Digests == 0 && len(probs) == 0 {
		probs = append(probs, Problem{Object: uri, Error: "no CloudTrail events in object"})
	}
	if noTime > 0 {
		w.opt.Logger.Warn("events without a valid eventTime", "object", uri, "events", noTime,
			"partition", "date="+partition.Default)
	}
	return probs, nil
}

type countReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// runID is a deterministic name for a run over objs: the same objects (by
// key and size) give the same files, so a re-run replaces them.
func runID(objs []ingest.Object) string {
	h := sha256.New()
	for _, o := range objs {
		fmt.Fprintf(h, "%s\x00%d\x00%s\n", o.Key, o.Size, o.ETag)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func startProgress(fn func(Progress), snap func() Progress) (stop func()) {
	if fn == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fn(snap())
				return
			case <-t.C:
				fn(snap())
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// ReportDir is where run reports are kept in the lake.
const ReportDir = "_trailhouse/runs/"

func saveReport(ctx context.Context, lake objstore.Store, rep *Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	key := ReportDir + rep.Started.Format("20060102T150405Z") + "-convert-" + rep.RunID + ".json"
	w, err := lake.Create(ctx, key)
	if err != nil {
		return fmt.Errorf("save report: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		w.Abort()
		return fmt.Errorf("save report: %w", err)
	}
	return w.Commit()
}

// PeakRSS returns the process's peak resident set size in bytes (Linux), or 0.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
