package partition

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/parquet-go/parquet-go"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
)

// Config tunes a Sink. The zero value of each field means its default.
type Config struct {
	// RunID names the files of this run: part-<RunID>.parquet. The same
	// input must give the same RunID, so that a re-run replaces its files.
	RunID string
	// MemoryBudget bounds the bytes of buffered rows over all batches; past
	// it, batches spill sorted runs to TempDir. Default 128 MiB.
	MemoryBudget int64
	// Batches is how many batches will be open at once (the budget is split
	// between them). Default GOMAXPROCS.
	Batches int
	// Writers is how many partitions are written in parallel. Default GOMAXPROCS.
	Writers int
	// Commits is how many written files are committed at once (synced and
	// renamed, or uploaded) while the writers go on with the next ones.
	// Default 8.
	Commits int
	// TempDir holds spilled runs. Default os.TempDir().
	TempDir string
	// RowGroupRows is the maximum rows per row group. Default 131072.
	RowGroupRows int64
	// RowGroupBytes also ends a row group once a writer's estimate of it
	// (parquet-go's: pages so far, values not yet encoded, dictionaries)
	// passes it, so that the writers' buffers follow the memory target:
	// each holds about twice its estimate. Default 0.8 x MemoryBudget /
	// Writers, about 40% of a run's memory target (four times
	// MemoryBudget) over all writers; negative: no limit.
	RowGroupBytes int64
	// TargetFileBytes starts a new file in a partition once the current one
	// is larger. Default 512 MiB.
	TargetFileBytes int64
	// Dedup drops exact duplicates (see docs/layout.md). Default true; set
	// KeepDuplicates to keep them.
	KeepDuplicates bool
	// Progress, if set, is called from one goroutine with rows written so far.
	Progress func(rowsWritten int64)
	// Version is written into each file's created_by.
	Version string
}

func (c *Config) defaults() {
	if c.MemoryBudget <= 0 {
		c.MemoryBudget = 128 << 20
	}
	if c.Batches <= 0 {
		c.Batches = runtime.GOMAXPROCS(0)
	}
	if c.Writers <= 0 {
		c.Writers = runtime.GOMAXPROCS(0)
	}
	if c.Commits <= 0 {
		c.Commits = 8
	}
	if c.TempDir == "" {
		c.TempDir = os.TempDir()
	}
	if c.RowGroupRows <= 0 {
		c.RowGroupRows = 131072
	}
	if c.RowGroupBytes == 0 {
		c.RowGroupBytes = c.MemoryBudget * 4 / 5 / int64(c.Writers)
	}
	if c.TargetFileBytes <= 0 {
		c.TargetFileBytes = 512 << 20
	}
	if c.RunID == "" {
		c.RunID = "run"
	}
	if c.Version == "" {
		c.Version = "dev"
	}
}

// FileInfo is one file a sink wrote.
type FileInfo struct {
	Key   Key
	Path  string // key in the lake store
	Rows  int64
	Bytes int64
}

// Result is what Finish wrote.
type Result struct {
	Files      []FileInfo
	Rows       int64 // rows written
	Duplicates int64 // exact duplicates dropped
	// Conflicts counts rows kept although an adjacent row has the same
	// eventID and eventtime: same ID, different content.
	Conflicts int64
	Spills    int // sorted runs spilled to disk
}

// Sink collects rows from any number of batches and writes them, sorted and
// deduplicated, as one set of files per partition.
type Sink struct {
	store   objstore.Store
	cfg     Config
	spillTo string
	lanes   *laneMap
	mu      sync.Mutex
	runs    [][]string // spilled run files, per lane
	mem     []*buffer  // closed batches' buffers, sorted
	closed  bool
	spills  int
	chunks  chunkPool // of Finish
}

// NewSink returns a sink that writes into store.
func NewSink(store objstore.Store, cfg Config) (*Sink, error) {
	cfg.defaults()
	dir, err := os.MkdirTemp(cfg.TempDir, "trailhouse-sort-")
	if err != nil {
		return nil, fmt.Errorf("sort directory: %w", err)
	}
	lanes := newLaneMap(cfg.Writers)
	return &Sink{store: store, cfg: cfg, spillTo: dir, lanes: lanes, runs: make([][]string, lanes.n)}, nil
}

// Batch buffers rows for a Sink; one batch serves one goroutine.
type Batch struct {
	s      *Sink
	buf    *buffer
	budget int
}

// NewBatch returns a new batch of s.
func (s *Sink) NewBatch() *Batch {
	return &Batch{s: s, buf: &buffer{lanes: s.lanes}, budget: int(s.cfg.MemoryBudget / int64(s.cfg.Batches))}
}

// Add adds a row to the partition Assign gives it. Everything the row holds
// is copied before Add returns, so its strings may alias reused buffers.
func (b *Batch) Add(r *record.Row, h Hint) error { return b.AddTo(Assign(r, h), r) }

// AddTo adds a row to partition k. The row is copied.
func (b *Batch) AddTo(k Key, r *record.Row) error {
	if b.buf == nil {
		return ErrClosed
	}
	b.buf.add(k, r)
	if b.buf.used >= b.budget {
		return b.spill()
	}
	return nil
}

func (b *Batch) spill() error {
	b.buf.finish()
	if err := b.s.spill(b.buf); err != nil {
		return err
	}
	b.buf.reset()
	return nil
}

// spill writes a finished buffer to run files and adds them to the lanes'
// runs.
func (s *Sink) spill(buf *buffer) error {
	names, err := spill(s.spillTo, buf)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for l, name := range names {
		if name != "" {
			s.runs[l] = append(s.runs[l], name)
		}
	}
	s.spills++
	return nil
}

// Close hands the batch's rows to the sink; Finish writes them.
func (b *Batch) Close() error {
	if b.buf == nil {
		return nil
	}
	buf := b.buf
	b.buf = nil
	if len(buf.entries) == 0 {
		return nil
	}
	buf.finish()
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	if b.s.closed {
		return ErrClosed
	}
	b.s.mem = append(b.s.mem, buf)
	return nil
}

// Abort discards everything buffered and spilled.
func (s *Sink) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.mem = nil
	os.RemoveAll(s.spillTo)
}

func writerOptions(cfg *Config) []parquet.WriterOption {
	var blooms []parquet.BloomFilterColumn
	for _, l := range leaves {
		if l.col.Bloom {
			blooms = append(blooms, parquet.SplitBlockFilter(10, l.col.Name))
		}
	}
	opts := []parquet.WriterOption{
		lakeSchema,
		parquet.Compression(lakeCodec),
		parquet.BloomFilters(blooms...),
		parquet.MaxRowsPerRowGroup(cfg.RowGroupRows),
		parquet.DictionaryMaxBytes(1 << 20),
		parquet.PageBufferSize(1 << 20),
		parquet.CreatedBy("trailhouse", cfg.Version, ""),
		parquet.KeyValueMetadata("trailhouse.schema", SchemaVersion),
		parquet.SortingWriterConfig(parquet.SortingColumns(lakeSorting...)),
		// Page headers would repeat the page index's min/max: readers use
		// the ColumnIndex, and small partitions are 10% smaller without.
		parquet.DataPageStatistics(false),
	}
	// Bounds of JSON text (whole documents) prune nothing and bloat footers.
	for _, l := range leaves {
		if l.kind == record.JSON || l.col.Name == record.ColExtra {
			opts = append(opts, parquet.SkipPageBounds(l.col.Name))
		}
	}
	return opts
}

// SchemaVersion is written into every file's key/value metadata as
// trailhouse.schema; it changes when columns change.
const SchemaVersion = "1"

// fileName returns the object name of the seq'th file of a run in a partition.
func fileName(runID string, seq int) string {
	if seq == 0 {
		return "part-" + runID + ".parquet"
	}
	return fmt.Sprintf("part-%s-%d.parquet", runID, seq)
}

// partJob is one partition's rows on their way to a writer.
type partJob struct {
	key    Key
	chunks chan *rowChunk
}

// A rowChunk carries up to chunkRows merged rows of one partition, still
// encoded, from the merge to a writer, which decodes them. Chunks are
// recycled through chunkPool.
type rowChunk struct {
	buf  []byte     // each row's content followed by its _source
	ends [][2]int32 // per row: end of its content, end of its _source in buf
	rows []record.Row
	res  []record.Resource // backs the rows' Resources
}

const (
	chunkRows  = 512
	chunkBytes = 1 << 20
)

// chunkPool keeps a sink's idle chunks until the sink is done, not only
// until the next GC as a sync.Pool would: a chunk is 1 MiB. It holds at
// most as many as were ever in flight at once (a few per writer).
type chunkPool struct {
	mu   sync.Mutex
	idle []*rowChunk
}

func (p *chunkPool) get() *rowChunk {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		return c
	}
	return &rowChunk{buf: make([]byte, 0, chunkBytes+64<<10)}
}

func (p *chunkPool) put(c *rowChunk) {
	if cap(c.buf) > 4*chunkBytes { // one huge row: do not keep its buffer
		return
	}
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	p.mu.Lock()
	p.idle = append(p.idle, c)
	p.mu.Unlock()
}

func (c *rowChunk) add(content []byte, src string) {
	c.buf = append(c.buf, content...)
	mid := len(c.buf)
	c.buf = append(c.buf, src...)
	c.ends = append(c.ends, [2]int32{int32(mid), int32(len(c.buf))})
}

func (c *rowChunk) full() bool { return len(c.ends) >= chunkRows || len(c.buf) >= chunkBytes }

// decode fills c.rows; their strings alias c.buf.
func (c *rowChunk) decode() error {
	if cap(c.rows) < len(c.ends) {
		c.rows = make([]record.Row, len(c.ends), max(len(c.ends), chunkRows))
	}
	c.rows = c.rows[:len(c.ends)]
	s := unsafe.String(unsafe.SliceData(c.buf), len(c.buf))
	start := int32(0)
	spare := c.res
	need := 0
	for i, e := range c.ends {
		r := &c.rows[i]
		_, took, err := r.DecodeString(s[start:e[0]], spare)
		if err != nil {
			return err
		}
		spare = spare[took:]
		need += len(r.Resources)
		r.Source = s[e[0]:e[1]]
		start = e[1]
	}
	if need > len(c.res) { // the next chunk of this kind decodes without allocating
		c.res = make([]record.Resource, need+need/4)
	}
	return nil
}

// Finish merges everything added, drops exact duplicates, writes the files
// and returns what it wrote. All batches must be closed first. On error,
// files already committed stay (they are complete); nothing partial does.
func (s *Sink) Finish(ctx context.Context) (Result, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return Result{}, ErrClosed
	}
	s.closed = true
	mem, spilled := s.mem, s.spills > 0
	s.mem = nil
	s.mu.Unlock()
	defer os.RemoveAll(s.spillTo)

	// Rows still in memory after spills join the runs on disk: the writers
	// need the memory more than the merge (with a quarter of the memory
	// target held by buffers while big partitions are written, the heap
	// sits at the Go memory limit and the collector takes a third of the
	// CPU), and writing them costs less than the collections saved.
	if spilled {
		for i, b := range mem {
			if err := ctx.Err(); err != nil {
				return Result{Spills: s.spills}, context.Cause(ctx)
			}
			if err := s.spill(b); err != nil {
				return Result{Spills: s.spills}, err
			}
			mem[i] = nil
		}
		mem = nil
	}
	s.mu.Lock()
	runs := s.runs // all of them now: the sink is closed
	s.mu.Unlock()
	res := Result{Spills: s.spills}
	// One merge per lane, each over its own runs and its part of the
	// buffers in memory; all of them feed the same writers.
	ms := make([]*merger, len(runs))
	defer func() {
		for _, m := range ms {
			if m != nil {
				m.close()
			}
		}
	}()
	for l := range runs {
		lruns, err := mergeRuns(s.spillTo, runs[l])
		if err != nil {
			return res, err
		}
		var its []iter
		for _, b := range mem {
			its = append(its, &memIter{b: b, lane: uint8(l)})
		}
		if ms[l], err = openMerger(its, lruns); err != nil {
			return res, err
		}
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan partJob)
	var (
		wg, cwg sync.WaitGroup
		filesMu sync.Mutex
		written atomic.Int64
	)
	// Committers: a file the writers finished is committed here, so that
	// a writer does not wait for the store (fsync, upload). Once a run
	// fails, the files still waiting are aborted, not committed.
	commits := make(chan doneFile, s.cfg.Commits)
	for range s.cfg.Commits {
		cwg.Go(func() {
			for c := range commits {
				if ctx.Err() != nil {
					c.w.Abort()
					continue
				}
				if err := c.w.Commit(); err != nil {
					cancel(fmt.Errorf("write %s: %w", s.store.URI(c.info.Path), err))
					continue
				}
				filesMu.Lock()
				res.Files = append(res.Files, c.info)
				filesMu.Unlock()
			}
		})
	}
	for w := 0; w < s.cfg.Writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fw := newFileWriter(&s.cfg)
			for job := range jobs {
				if err := s.writePartition(ctx, fw, job, &written, commits); err != nil {
					cancel(err)
					for c := range job.chunks { // drain so the merge never blocks
						s.chunks.put(c)
					}
				}
			}
		}()
	}

	var progressDone chan struct{}
	if s.cfg.Progress != nil {
		progressDone = make(chan struct{})
		go s.reportProgress(ctx, &written, progressDone)
	}

	counts := make([]Result, len(ms)) // each merge's duplicates and conflicts
	var merges sync.WaitGroup
	for l, m := range ms {
		merges.Go(func() {
			if err := s.merge(ctx, m, jobs, &counts[l]); err != nil {
				cancel(err)
			}
		})
	}
	merges.Wait()
	close(jobs)
	wg.Wait()
	close(commits)
	cwg.Wait()
	if progressDone != nil {
		close(progressDone)
	}
	for _, c := range counts {
		res.Duplicates += c.Duplicates
		res.Conflicts += c.Conflicts
	}
	for _, f := range res.Files {
		res.Rows += f.Rows
	}
	if s.cfg.Progress != nil {
		s.cfg.Progress(written.Load())
	}
	// The first failure of a merge, a writer or a commit, or the caller's
	// cancellation.
	return res, context.Cause(ctx)
}

func (s *Sink) reportProgress(ctx context.Context, written *atomic.Int64, done chan struct{}) {
	t := newTicker()
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-ctx.Done():
			return
		case <-t.C:
			s.cfg.Progress(written.Load())
		}
	}
}

// merge streams the merged entries, partition by partition, to the writers.
// It copies each kept row's encoded content into a chunk; the writers
// decode it.
func (s *Sink) merge(ctx context.Context, m *merger, jobs chan<- partJob, res *Result) error {
	var (
		cur     *partJob
		curDir  string // cur.key.Dir()
		chunk   *rowChunk
		group   dupGroup
		pending = -1
	)
	flush := func() bool {
		if chunk == nil || len(chunk.ends) == 0 {
			return true
		}
		select {
		case cur.chunks <- chunk:
			chunk = nil
			return true
		case <-ctx.Done():
			return false
		}
	}
	endPart := func() {
		if cur != nil {
			flush()
			close(cur.chunks)
			cur = nil
		}
	}
	defer func() {
		endPart()
		if chunk != nil {
			s.chunks.put(chunk)
		}
	}()
	for {
		e, err := m.next(&pending)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		if !group.same(e) {
			group.reset(e)
		}
		if e.id != "" && !s.cfg.KeepDuplicates {
			dup, err := group.duplicate(e)
			if err != nil {
				return fmt.Errorf("merge %s: %w", e.part, err)
			}
			if dup {
				res.Duplicates++
				continue
			}
			if group.keptRows() > 1 {
				res.Conflicts++
			}
		}
		if cur == nil || curDir != e.part {
			endPart()
			k, err := parseDir(e.part)
			if err != nil {
				return err
			}
			cur, curDir = &partJob{key: k, chunks: make(chan *rowChunk, 4)}, e.part
			select {
			case jobs <- *cur:
			case <-ctx.Done():
				cur = nil
				return context.Cause(ctx)
			}
		}
		if chunk == nil {
			chunk = s.chunks.get()
		}
		chunk.add(e.content, e.src)
		if chunk.full() && !flush() {
			return context.Cause(ctx)
		}
	}
}

// doneFile is a file written in full, waiting for its commit.
type doneFile struct {
	w    objstore.Writer
	info FileInfo
}

// writePartition writes one partition's rows into files of at most about
// TargetFileBytes each, and hands each file, written, to commits.
func (s *Sink) writePartition(ctx context.Context, fw *fileWriter, job partJob, written *atomic.Int64, commits chan<- doneFile) error {
	var (
		ow   objstore.Writer
		info FileInfo
		seq  int
	)
	open := func() error {
		info = FileInfo{Key: job.key, Path: job.key.Dir() + "/" + fileName(s.cfg.RunID, seq)}
		seq++
		var err error
		if ow, err = s.store.Create(ctx, info.Path); err != nil {
			return err
		}
		fw.reset(ow)
		return nil
	}
	closeFile := func() error {
		n, err := fw.close()
		if err != nil {
			ow.Abort()
			ow = nil
			return fmt.Errorf("write %s: %w", s.store.URI(info.Path), err)
		}
		info.Bytes = n
		select {
		case commits <- doneFile{ow, info}:
			ow = nil
			return nil
		case <-ctx.Done():
			return context.Cause(ctx) // ow is aborted on the way out
		}
	}
	defer func() {
		if ow != nil {
			fw.reset(io.Discard)
			ow.Abort()
		}
	}()
	for chunk := range job.chunks {
		err := chunk.decode()
		if err != nil {
			s.chunks.put(chunk)
			return fmt.Errorf("merge %s: %w", job.key.Dir(), err)
		}
		if ow == nil {
			if err := open(); err != nil {
				s.chunks.put(chunk)
				return err
			}
		}
		err = fw.write(chunk.rows)
		n := len(chunk.rows)
		s.chunks.put(chunk)
		if err != nil {
			return fmt.Errorf("write %s: %w", s.store.URI(info.Path), err)
		}
		info.Rows += int64(n)
		written.Add(int64(n))
		if fw.size() > s.cfg.TargetFileBytes && info.Rows > 0 {
			if err := closeFile(); err != nil {
				return err
			}
		}
	}
	if ow != nil {
		if err := closeFile(); err != nil {
			return err
		}
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// parseDir is the inverse of Key.Dir.
func parseDir(dir string) (Key, error) {
	parts := strings.Split(dir, "/")
	if len(parts) != 4 {
		return Key{}, fmt.Errorf("bad partition directory %q", dir)
	}
	k := Key{Table: parts[0]}
	for i, dst := range []*string{&k.Account, &k.Region, &k.Date} {
		name := []string{record.PartAccount, record.PartRegion, record.PartDate}[i]
		v, ok := strings.CutPrefix(parts[i+1], name+"=")
		if !ok {
			return Key{}, fmt.Errorf("bad partition directory %q", dir)
		}
		*dst = v
	}
	return k, nil
}

func newTicker() *time.Ticker { return time.NewTicker(500 * time.Millisecond) }

// SetProgress sets the progress callback of Finish; call it before Finish.
func (s *Sink) SetProgress(fn func(rowsWritten int64)) { s.cfg.Progress = fn }
