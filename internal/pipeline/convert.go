package pipeline

import (
	"bufio"
	"bytes"
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

	"github.com/klauspost/compress/gzip"

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
	// GetConcurrency is how many objects are fetched at once, ahead of the
	// Workers that decode them, so that network latency overlaps decoding,
	// and how many listings are in flight while an incremental run finds
	// what is new. Default: DefaultS3GetConcurrency for an S3 source,
	// Workers otherwise.
	GetConcurrency int
	// PutConcurrency is how many written lake files are committed at once
	// (uploaded to S3, or synced and renamed in a directory) while the
	// writers go on. Default: DefaultS3PutConcurrency for an S3 lake, 4
	// otherwise.
	PutConcurrency int
	// PrefetchBytes bounds the bytes of objects held in memory, fetched
	// and not yet decoded. Objects up to BufferedObjectBytes are read whole
	// before they are decoded (a body that breaks mid-read is fetched
	// again); larger ones are streamed. Default: half of MemoryBudget,
	// between BufferedObjectBytes and 64 MiB.
	PrefetchBytes int64
	// Drain, once closed, stops the run early and cleanly: no object is
	// started after it, the objects being read are finished, their Parquet
	// files are written and (incremental runs) the state is committed for
	// exactly those objects; Convert then returns a Report with Stopped set.
	// The objects not started are left for the next run. A drain does not
	// interrupt the completion of a killed run found pending, which is
	// finished first. Cancelling ctx instead stops the run at once, with an
	// error; the next run completes it from its pending record.
	Drain <-chan struct{}

	fromStats, toStats objstore.Stats // at the start of the run
}

// DefaultS3GetConcurrency is the default GetConcurrency for an S3 source.
const DefaultS3GetConcurrency = 16

// DefaultS3PutConcurrency is the default PutConcurrency for an S3 lake.
const DefaultS3PutConcurrency = 32

// BufferedObjectBytes: objects up to this size (as listed, compressed) are
// read whole into memory before they are decoded.
const BufferedObjectBytes = 8 << 20

// getAttempts is how often a buffered object whose body broke mid-read is
// fetched (the SDK retries failed requests itself, not broken bodies).
const getAttempts = 3

// Progress is a snapshot of a running conversion. Phases: "list" (an
// incremental run lists its source: ObjectsDone counts the objects listed,
// no totals yet), "read" (ObjectsTotal and BytesTotal are known), "write".
// An incremental run that completes a killed run first goes through "read"
// and "write" for it, then for its own objects.
type Progress struct {
	Phase        string
	ObjectsDone  int64
	ObjectsTotal int64
	BytesRead    int64
	BytesTotal   int64
	Events       int64
	RowsWritten  int64
	RowsTotal    int64
	// Elapsed is the time since the phase started.
	Elapsed time.Duration
}

// Problem is one line of the report about an object.
type Problem struct {
	Object string `json:"object"`
	Error  string `json:"error"`
	// Fatal: the object could not be read to its end; events before the
	// failure were kept.
	Fatal bool `json:"fatal"`
	// Retry: nothing of the object was converted (it could not be
	// fetched, or it was gone); an incremental run leaves it out of the
	// state, so that the next run takes it if it is listed again.
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
	RunID           string             `json:"run_id"`
	Started         time.Time          `json:"started"`
	Finished        time.Time          `json:"finished"`
	Source          string             `json:"source"`
	Lake            string             `json:"lake"`
	Objects         int                `json:"objects"`           // objects read (logs and insights)
	InsightObjects  int                `json:"insight_objects"`   // of which under CloudTrail-Insight/
	DigestObjects   int                `json:"digest_objects"`    // recognised by key or content, not converted
	SkippedObjects  int                `json:"skipped_objects"`   // not CloudTrail data by key
	BadObjects      int                `json:"bad_objects"`       // objects with at least one problem
	Events          int64              `json:"events"`            // events decoded
	InsightEvents   int64              `json:"insight_events"`    // of which to the insights table
	RejectedItems   int64              `json:"rejected_items"`    // items that were not CloudTrail events
	Rows            int64              `json:"rows"`              // rows written
	Duplicates      int64              `json:"duplicates"`        // exact duplicates dropped
	Conflicts       int64              `json:"eventid_conflicts"` // same eventID, different content: kept
	NoEventTime     int64              `json:"no_event_time"`     // rows in date=__HIVE_DEFAULT_PARTITION__
	DefaultAccount  int64              `json:"default_account"`   // rows in account=__HIVE_DEFAULT_PARTITION__
	DefaultRegion   int64              `json:"default_region"`    // rows in region=__HIVE_DEFAULT_PARTITION__
	BytesIn         int64              `json:"bytes_in"`          // object bytes read
	BytesOut        int64              `json:"bytes_out"`         // Parquet bytes written
	Files           int                `json:"files"`
	Partitions      int                `json:"partitions"`
	Spills          int                `json:"spills"`
	Seconds         float64            `json:"seconds"`
	EventsPerSecond float64            `json:"events_per_second"`
	PeakRSSBytes    int64              `json:"peak_rss_bytes"`
	Requests        RequestStats       `json:"requests"`
	Incremental     *IncrementalReport `json:"incremental,omitempty"`
	// Stopped: the run was drained (Options.Drain) before it started
	// NotStarted of the objects it found; they are left for the next run.
	Stopped    bool      `json:"stopped,omitempty"`
	NotStarted int       `json:"objects_not_started,omitempty"`
	Problems   []Problem `json:"problems,omitempty"`
	// Warnings are about objects that were converted whole but are not
	// what they claim (e.g. a .gz object that is plain text); they do not
	// make the run Failed.
	Warnings []Problem            `json:"warnings,omitempty"`
	FileList []partition.FileInfo `json:"-"`
}

// Failed reports whether any object had a problem.
func (r *Report) Failed() bool { return r.BadObjects > 0 }

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
	if opt.GetConcurrency <= 0 {
		opt.GetConcurrency = opt.Workers
		if _, ok := opt.From.(*objstore.S3); ok {
			opt.GetConcurrency = DefaultS3GetConcurrency
		}
	}
	if opt.PutConcurrency <= 0 {
		opt.PutConcurrency = 4
		if _, ok := opt.To.(*objstore.S3); ok {
			opt.PutConcurrency = DefaultS3PutConcurrency
		}
	}
	if opt.PrefetchBytes <= 0 {
		opt.PrefetchBytes = 64 << 20
		if opt.MemoryBudget > 0 {
			opt.PrefetchBytes = min(opt.PrefetchBytes, opt.MemoryBudget/2)
		}
	}
	opt.PrefetchBytes = max(opt.PrefetchBytes, BufferedObjectBytes)
	rep := &Report{Started: time.Now().UTC(), Source: opt.From.URI(opt.FromPrefix), Lake: opt.To.URI("")}
	opt.fromStats, opt.toStats = opt.From.Stats(), opt.To.Stats()
	if opt.Incremental != nil {
		return runIncremental(ctx, opt, rep)
	}

	var objs []ingest.Object
	err := ingest.Discover(ctx, opt.From, opt.FromPrefix, func(o ingest.Object) error {
		switch o.Info.Kind {
		case ingest.Log, ingest.Insight:
			if badKey(opt, rep, o) {
				return nil
			}
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
	if _, err := convertObjects(ctx, opt, objs, rep.RunID, opt.Drain, rep); err != nil {
		return nil, err
	}
	if err := finishReport(ctx, opt, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// badKey reports o when its key cannot be a source object (ingest.BadKey):
// one problem line a run, nothing converted, until it is renamed.
func badKey(opt Options, rep *Report, o ingest.Object) bool {
	err := ingest.BadKey(o.Key)
	if err == nil {
		return false
	}
	rep.Problems = append(rep.Problems, Problem{Object: strings.ToValidUTF8(opt.From.URI(o.Key), "\uFFFD"), Error: err.Error()})
	rep.BadObjects++
	return true
}

// convertObjects converts objs into the lake as run runID (which names its
// files), adding to the counts of rep. Problems with single objects are in
// rep.Problems; an error is a failure of the run. Once drain is closed no
// further object is started. out[i] says what became of objs[i].
func convertObjects(ctx context.Context, opt Options, objs []ingest.Object, runID string, drain <-chan struct{}, rep *Report) (out []outcome, err error) {
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
		Commits:      opt.PutConcurrency,
		TempDir:      opt.TempDir,
		Version:      opt.Version,
	})
	if err != nil {
		return nil, err
	}
	defer sink.Abort()

	var (
		st       stats
		mu       sync.Mutex
		firstErr error
	)
	prog := func(phase string) Progress {
		return Progress{Phase: phase, ObjectsDone: st.objects.Load(), ObjectsTotal: int64(len(objs)),
			BytesRead: st.bytes.Load(), BytesTotal: bytesTotal, Events: st.events.Load()}
	}
	stopProgress := startProgress(opt.Progress, func() Progress { return prog("read") })
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
		mu.Unlock()
	}

	// Three stages: the feed hands out indexes until drained; fetchers
	// GET (and buffer) objects within the prefetch budget; workers decode.
	out = make([]outcome, len(objs))
	var (
		feed    = make(chan int)
		ready   = make(chan *fetched)
		budget  = newBudget(opt.PrefetchBytes)
		fetchWG sync.WaitGroup
		workWG  sync.WaitGroup
	)
	stopBudget := context.AfterFunc(ctx, budget.close)
	defer stopBudget()
	for range opt.GetConcurrency {
		fetchWG.Go(func() {
			for i := range feed {
				if isClosed(drain) {
					continue // not started: left for the next run
				}
				f := fetch(ctx, &opt, objs[i], budget)
				f.i = i
				ready <- f
			}
		})
	}
	for range opt.Workers {
		workWG.Go(func() {
			wk := worker{opt: &opt, batch: sink.NewBatch(), st: &st}
			for f := range ready {
				probs, warns, err := wk.object(ctx, objs[f.i], f)
				budget.release(f.held)
				mu.Lock()
				out[f.i] = converted
				for _, p := range probs {
					if p.Retry {
						out[f.i] = retry
					}
				}
				if len(probs) > 0 {
					rep.Problems = append(rep.Problems, probs...)
					rep.BadObjects++
				}
				rep.Warnings = append(rep.Warnings, warns...)
				mu.Unlock()
				if err != nil {
					fail(err)
				}
			}
			if err := wk.batch.Close(); err != nil {
				fail(err)
			}
		})
	}
feed:
	for i := range objs {
		if isClosed(drain) {
			break
		}
		select {
		case feed <- i:
		case <-drain:
			break feed
		case <-ctx.Done():
			break feed
		}
	}
	close(feed)
	fetchWG.Wait()
	close(ready)
	workWG.Wait()
	stopProgress()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return nil, firstErr
	}
	sort.Slice(rep.Problems, func(i, j int) bool { return rep.Problems[i].Object < rep.Problems[j].Object })
	sort.Slice(rep.Warnings, func(i, j int) bool { return rep.Warnings[i].Object < rep.Warnings[j].Object })
	for i, o := range objs {
		if out[i] == notStarted {
			rep.NotStarted++
			continue
		}
		rep.Objects++
		if o.Info.Kind == ingest.Insight {
			rep.InsightObjects++
		}
	}
	if rep.NotStarted > 0 { // drained: ctx is not done, or this is not reached
		rep.Stopped = true
		opt.Logger.Warn("stopped early on request; the objects not started are left for the next run",
			"converted", len(objs)-rep.NotStarted, "not_started", rep.NotStarted)
	}
	rep.Events += st.events.Load()
	rep.InsightEvents += st.insights.Load()
	rep.RejectedItems += st.rejected.Load()
	rep.NoEventTime += st.noTime.Load()
	rep.DefaultAccount += st.noAccount.Load()
	rep.DefaultRegion += st.noRegion.Load()
	rep.BytesIn += st.bytes.Load()
	rep.DigestObjects += int(st.digests.Load())

	opt.Logger.Info("writing partitions", "events", rep.Events)
	if opt.Progress != nil {
		sinkProgress := opt.Progress
		total := st.events.Load()
		writeStart := time.Now()
		sink.SetProgress(func(n int64) {
			p := prog("write")
			p.RowsWritten, p.RowsTotal, p.Elapsed = n, total, time.Since(writeStart)
			sinkProgress(p)
		})
	}
	res, err := sink.Finish(ctx)
	if err != nil {
		return nil, err
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
	return out, nil
}

// outcome is what a run did with one object.
type outcome uint8

const (
	notStarted outcome = iota // drained before it was started
	converted                 // read, or found bad for good: recorded as converted
	retry                     // nothing of it was converted: left for the next run
)

// fetched is an object ready to decode: its whole content (data), an open
// stream (rc), or a problem that ends it before any decoding.
type fetched struct {
	i    int
	data []byte
	rc   io.ReadCloser
	prob *Problem
	held int64 // prefetch budget held until the object is decoded
}

// fetch GETs o. An object up to BufferedObjectBytes is read whole, within
// the budget; one whose body breaks mid-read is fetched again, up to
// getAttempts times. A larger one is returned as an open stream.
func fetch(ctx context.Context, opt *Options, o ingest.Object, b *budget) *fetched {
	uri := opt.From.URI(o.Key)
	problem := func(msg string, retry bool) *fetched {
		return &fetched{prob: &Problem{Object: uri, Error: msg, Fatal: true, Retry: retry, key: o.Key}}
	}
	if o.Size == 0 {
		// Permanent: S3 writes are atomic, an empty object stays empty.
		return problem(convert.ErrEmpty.Error()+" (0 bytes)", false)
	}
	openErr := func(err error) *fetched {
		msg := strings.TrimPrefix(err.Error(), "get "+uri+": ")
		if errors.Is(err, objstore.ErrNotFound) {
			return problem("deleted after it was listed (not found at GET): nothing converted; a later run converts it if it is listed again", true)
		}
		return problem("could not be fetched, left for the next run: "+msg, true)
	}
	if o.Size > BufferedObjectBytes {
		rc, err := opt.From.Open(ctx, o.Key)
		if err != nil {
			return openErr(err)
		}
		return &fetched{rc: rc}
	}
	if !b.acquire(o.Size) {
		return &fetched{prob: &Problem{Object: uri, Error: "cancelled", key: o.Key}} // ctx is done
	}
	f := &fetched{held: o.Size}
	for attempt := 1; ; attempt++ {
		rc, err := opt.From.Open(ctx, o.Key)
		if err != nil {
			b.release(f.held)
			return openErr(err)
		}
		buf := bytes.NewBuffer(make([]byte, 0, o.Size+bytes.MinRead))
		_, err = buf.ReadFrom(io.LimitReader(rc, BufferedObjectBytes+1))
		if err == nil && buf.Len() > BufferedObjectBytes {
			// It grew since it was listed: the rest is streamed.
			f.data, f.rc = nil, readCloser{io.MultiReader(bytes.NewReader(buf.Bytes()), rc), rc}
			return f
		}
		rc.Close()
		if err == nil {
			f.data = buf.Bytes()
			return f
		}
		if ctx.Err() != nil {
			b.release(f.held)
			return &fetched{prob: &Problem{Object: uri, Error: ctx.Err().Error(), key: o.Key}}
		}
		msg := strings.TrimPrefix(err.Error(), "get "+uri+": ")
		if attempt == getAttempts {
			b.release(f.held)
			return problem(fmt.Sprintf("body broke off on all %d GETs, left for the next run: %s", attempt, msg), true)
		}
		opt.Logger.Warn("object body broke off mid-read; fetching it again", "object", uri, "attempt", attempt, "error", msg)
	}
}

type readCloser struct {
	io.Reader
	io.Closer
}

// budget is a count of bytes that fetchers take before they buffer an
// object and workers give back once it is decoded.
type budget struct {
	mu     sync.Mutex
	cond   sync.Cond
	free   int64
	closed bool
}

func newBudget(n int64) *budget {
	b := &budget{free: n}
	b.cond.L = &b.mu
	return b
}

// acquire waits until n bytes are free and takes them; false once closed.
func (b *budget) acquire(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n && !b.closed {
		b.cond.Wait()
	}
	if b.closed {
		return false
	}
	b.free -= n
	return true
}

func (b *budget) release(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
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

// object converts one fetched object. Problems name the object; warnings
// are about objects converted whole; an error is a failure of the run (the
// sink could not take the rows, or ctx is done).
func (w *worker) object(ctx context.Context, o ingest.Object, f *fetched) (probs, warns []Problem, err error) {
	defer w.st.objects.Add(1)
	if f.prob != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return []Problem{*f.prob}, nil, nil
	}
	uri := w.opt.From.URI(o.Key)
	var src io.Reader = bytes.NewReader(f.data)
	if f.rc != nil {
		defer f.rc.Close()
		src = f.rc
	}
	cr := &countReader{r: src, n: &w.st.bytes}
	if w.dec == nil {
		w.dec = &convert.Decoder{}
	}
	dec := w.dec
	if err := dec.Reset(cr); err != nil {
		return []Problem{{Object: uri, Error: err.Error(), Fatal: true, key: o.Key}}, nil, nil
	}
	defer dec.Close()
	hint := partition.Hint{Account: o.Info.Account, Region: o.Info.Region, Insight: o.Info.Kind == ingest.Insight}
	itemProblem := func(msg string) {
		if len(probs) < w.opt.MaxProblemLines {
			probs = append(probs, Problem{Object: uri, Error: msg, key: o.Key})
		} else if len(probs) == w.opt.MaxProblemLines {
			probs = append(probs, Problem{Object: uri, Error: "more problems not listed", key: o.Key})
		}
	}
	events, noTime := 0, 0
	fatal := false
	for n := 0; ; n++ {
		if n%256 == 0 && ctx.Err() != nil {
			return probs, nil, ctx.Err()
		}
		_, err := dec.NextRow(&w.flat, &w.row) // Next and Flatten in one pass
		if err == io.EOF {
			break
		}
		var ie *convert.ItemError
		var fe *convert.FlattenError
		if errors.As(err, &ie) || errors.As(err, &fe) {
			w.st.rejected.Add(1)
			itemProblem(err.Error())
			continue
		}
		if err != nil {
			msg := err.Error()
			if events > 0 {
				msg += fmt.Sprintf(" (after %d events, which were kept)", events)
			} else if d := encodingProblem(o.Key, f.data, dec.Compressed()); d != "" {
				msg = d
			}
			probs = append(probs, Problem{Object: uri, Error: msg, Fatal: true, key: o.Key})
			fatal = true
			break
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
			return probs, nil, err
		}
	}
	w.st.digests.Add(int64(dec.Digests))
	if events == 0 && dec.Digests == 0 && len(probs) == 0 {
		// {"Records":[]} or []: well formed, only empty. Said, not failed.
		switch dec.Shape {
		case convert.ShapeRecords:
			warns = append(warns, Problem{Object: uri, Error: "holds no events (an empty records array)", key: o.Key})
		case convert.ShapeArray:
			warns = append(warns, Problem{Object: uri, Error: "holds no events (an empty array)", key: o.Key})
		default:
			probs = append(probs, Problem{Object: uri, Error: "no CloudTrail events in object", key: o.Key})
		}
	}
	if !fatal && !dec.Compressed() && strings.HasSuffix(o.Key, ".gz") {
		warns = append(warns, Problem{Object: uri, Error: fmt.Sprintf("named .gz but not gzip-compressed: read as plain text (%d events)", events), key: o.Key})
	}
	if noTime > 0 {
		w.opt.Logger.Warn("events without a valid eventTime", "object", uri, "events", noTime,
			"partition", "date="+partition.Default)
	}
	return probs, warns, nil
}

// encodingProblem explains an object that failed at its first bytes by its
// encoding, or returns "": gzip inside gzip (compressed twice, as when a
// .gz file is uploaded by a tool that compresses it again and sets
// Content-Encoding: gzip), or a .gz name over bytes that are neither gzip
// nor JSON. data is the object's content when it was buffered (else nil).
func encodingProblem(key string, data []byte, compressed bool) string {
	if len(data) < 2 {
		return ""
	}
	isGzip := func(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }
	if compressed {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return ""
		}
		var inner [2]byte
		if n, _ := io.ReadFull(zr, inner[:]); n == 2 && isGzip(inner[:]) {
			return "compressed twice (gzip inside gzip: a .gz file compressed again when uploaded with Content-Encoding: gzip); not converted"
		}
		return ""
	}
	if strings.HasSuffix(key, ".gz") {
		head := data[:min(len(data), 4)]
		return fmt.Sprintf("named .gz but neither gzip nor JSON (first bytes % x); not converted", head)
	}
	return ""
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

// startProgress calls fn with snap(), its Elapsed set, about twice a
// second and once more at stop.
func startProgress(fn func(Progress), snap func() Progress) (stop func()) {
	if fn == nil {
		return func() {}
	}
	start := time.Now()
	inner := fn
	fn = func(p Progress) {
		p.Elapsed = time.Since(start)
		inner(p)
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
