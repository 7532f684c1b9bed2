package partition

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
)

// randRow makes a row with random NULLs, strings (some non-ASCII, some
// empty), times, booleans and resources.
func randRow(rng *rand.Rand, i int) record.Row {
	var r record.Row
	str := func() string {
		switch rng.IntN(6) {
		case 0:
			return ""
		case 1:
			return "ünïcødé ✓ " + fmt.Sprint(rng.IntN(10))
		}
		return fmt.Sprintf("v%d", rng.IntN(50))
	}
	for c := 0; c < record.NumStr; c++ {
		if rng.IntN(3) > 0 {
			r.SetStr(c, str())
		}
	}
	r.SetStr(record.RecipientAccountID, fmt.Sprintf("%012d", rng.IntN(3)))
	r.SetStr(record.AWSRegion, []string{"us-east-1", "eu-west-1", "../../x"}[rng.IntN(3)])
	if rng.IntN(10) > 0 {
		r.SetStr(record.EventID, fmt.Sprintf("id-%d", i))
	} else {
		r.ClearStr(record.EventID)
	}
	if rng.IntN(8) > 0 {
		r.EventTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli() + rng.Int64N(3*86400e3)
		r.HasTime = true
	}
	r.ReadOnly = record.Tri(rng.IntN(3))
	r.ManagementEvent = record.Tri(rng.IntN(3))
	switch rng.IntN(4) {
	case 0:
	case 1:
		r.Resources = []record.Resource{}
	default:
		for k := rng.IntN(3) + 1; k > 0; k-- {
			var res record.Resource
			for f := 0; f < 3; f++ {
				if rng.IntN(4) > 0 {
					res.F[f], res.Set = str(), res.Set|1<<f
				}
			}
			r.Resources = append(r.Resources, res)
		}
	}
	if rng.IntN(3) == 0 {
		r.Extra = `{"k":` + fmt.Sprint(rng.IntN(5)) + `}`
	}
	r.Source = fmt.Sprintf("obj-%d", rng.IntN(20))
	return r
}

func canon(r *record.Row) string {
	b := r.AppendBinary(nil)
	return string(b)
}

func readLake(t *testing.T, lake objstore.Store) map[Key][]record.Row {
	t.Helper()
	parts, err := List(context.Background(), lake)
	if err != nil {
		t.Fatal(err)
	}
	out := map[Key][]record.Row{}
	for _, p := range parts {
		for _, f := range p.Files {
			err := ReadRows(context.Background(), lake, f, func(r *record.Row) error {
				cp := *r
				cp.Resources = append([]record.Resource(nil), r.Resources...)
				if r.Resources != nil && cp.Resources == nil {
					cp.Resources = []record.Resource{}
				}
				out[p.Key] = append(out[p.Key], cp)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// TestSinkMatchesModel writes random rows, with exact duplicates and
// same-eventID conflicts, through batches small enough to spill, and checks
// the lake against a model: every distinct row once, in its partition,
// sorted by eventtime, every column value intact.
func TestSinkMatchesModel(t *testing.T) {
	for _, tc := range []struct {
		budget  int64
		maxRuns int
	}{{1 << 30, 128}, {64 << 10, 128}, {64 << 10, 3}} { // all in memory; many spills; merged in passes
		budget := tc.budget
		t.Run(fmt.Sprintf("budget=%d,maxRuns=%d", budget, tc.maxRuns), func(t *testing.T) {
			defer func(n int) { maxRuns = n }(maxRuns)
			maxRuns = tc.maxRuns
			rng := rand.New(rand.NewPCG(1, uint64(budget)))
			lake, _ := objstore.NewDir(t.TempDir())
			sink, err := NewSink(lake, Config{RunID: "t", MemoryBudget: budget, Batches: 3, TempDir: t.TempDir(), RowGroupRows: 100})
			if err != nil {
				t.Fatal(err)
			}
			batches := []*Batch{sink.NewBatch(), sink.NewBatch(), sink.NewBatch()}
			want := map[Key]map[string]int{}
			var wantDups int64
			seen := map[string]bool{}
			const n = 3000
			for i := 0; i < n; i++ {
				r := randRow(rng, i)
				copies := 1
				if rng.IntN(5) == 0 {
					copies = 2 + rng.IntN(2) // redelivered, maybe from another object
				}
				for c := 0; c < copies; c++ {
					if c > 0 {
						r.Source = fmt.Sprintf("obj-%d", rng.IntN(20))
					}
					k := Assign(&r, Hint{})
					noSrc := r
					noSrc.Source = ""
					id := canon(&noSrc) + "|" + k.Dir()
					_, hasID := r.Get(record.EventID)
					if want[k] == nil {
						want[k] = map[string]int{}
					}
					if hasID && seen[id] {
						wantDups++
					} else {
						want[k][canon(&noSrc)]++
					}
					seen[id] = true
					if err := batches[rng.IntN(3)].Add(&r, Hint{}); err != nil {
						t.Fatal(err)
					}
				}
				if rng.IntN(50) == 0 { // a conflict: same eventID and time, other content
					r2 := r
					r2.SetStr(record.EventName, "Conflicting")
					k := Assign(&r2, Hint{})
					noSrc := r2
					noSrc.Source = ""
					if want[k] == nil {
						want[k] = map[string]int{}
					}
					want[k][canon(&noSrc)]++
					if err := batches[0].Add(&r2, Hint{}); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, b := range batches {
				if err := b.Close(); err != nil {
					t.Fatal(err)
				}
			}
			res, err := sink.Finish(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if budget < 1<<20 && res.Spills == 0 {
				t.Errorf("expected spills with a %d-byte budget", budget)
			}
			if res.Duplicates != wantDups {
				t.Errorf("duplicates dropped = %d, want %d", res.Duplicates, wantDups)
			}
			got := readLake(t, lake)
			if len(got) != len(want) {
				t.Errorf("%d partitions, want %d", len(got), len(want))
			}
			for k, rows := range got {
				counts := map[string]int{}
				for i := range rows {
					if i > 0 && rows[i].HasTime && rows[i-1].HasTime && rows[i].EventTime < rows[i-1].EventTime {
						t.Errorf("%s: rows not sorted by eventtime at %d", k.Dir(), i)
					}
					if !strings.HasPrefix(rows[i].Source, "obj-") {
						t.Errorf("%s: _source %q lost", k.Dir(), rows[i].Source)
					}
					r := rows[i]
					r.Source = ""
					counts[canon(&r)]++
				}
				if !reflect.DeepEqual(counts, want[k]) {
					t.Errorf("%s: rows differ from the model (%d distinct got, %d want)", k.Dir(), len(counts), len(want[k]))
				}
			}
			// nothing outside the tables, no temporary files left behind
			filepath.WalkDir(lake.Root(), func(p string, d fs.DirEntry, err error) error {
				rel, _ := filepath.Rel(lake.Root(), p)
				if !d.IsDir() && !strings.HasPrefix(rel, TableEvents+"/") && !strings.HasPrefix(rel, TableInsights+"/") {
					t.Errorf("unexpected file %s", rel)
				}
				if strings.Contains(filepath.Base(p), ".tmp-") {
					t.Errorf("temporary file left: %s", rel)
				}
				return nil
			})
		})
	}
}

// sinkRows adds rows through one batch of a new sink with cfg (TempDir: a
// test directory unless given) and returns what Finish returns.
func sinkRows(tb testing.TB, lake objstore.Store, cfg Config, rows []record.Row) (Result, error) {
	tb.Helper()
	if cfg.TempDir == "" {
		cfg.TempDir = tb.TempDir()
	}
	sink, err := NewSink(lake, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	b := sink.NewBatch()
	for i := range rows {
		if err := b.Add(&rows[i], Hint{}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		tb.Fatal(err)
	}
	return sink.Finish(context.Background())
}

// writeRows is sinkRows that must succeed.
func writeRows(tb testing.TB, lake objstore.Store, cfg Config, rows []record.Row) Result {
	tb.Helper()
	res, err := sinkRows(tb, lake, cfg, rows)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func TestSinkDeterministicFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var rows []record.Row
	for i := 0; i < 500; i++ {
		rows = append(rows, randRow(rng, i))
	}
	dirA, dirB := t.TempDir(), t.TempDir()
	la, _ := objstore.NewDir(dirA)
	lb, _ := objstore.NewDir(dirB)
	writeRows(t, la, Config{RunID: "r1"}, rows)
	rev := append([]record.Row(nil), rows...)
	sort.Slice(rev, func(i, j int) bool { return i > j })
	writeRows(t, lb, Config{RunID: "r1"}, rev) // other arrival order, same input
	files := 0
	filepath.WalkDir(dirA, func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		files++
		rel, _ := filepath.Rel(dirA, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(dirB, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between runs over the same input", rel)
		}
		return nil
	})
	if files == 0 {
		t.Fatal("no files written")
	}
	// a re-run replaces: same names, no new files
	writeRows(t, la, Config{RunID: "r1"}, rows)
	n := 0
	filepath.WalkDir(dirA, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			n++
		}
		return nil
	})
	if n != files {
		t.Errorf("re-run left %d files, want %d", n, files)
	}
}

// TestSinkKeepsSmallestSource: of exact duplicates whose JSON differs only
// in key order, the row kept is the one with the smallest _source, with its
// own text, whatever the arrival order and whether or not rows spilled.
func TestSinkKeepsSmallestSource(t *testing.T) {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	var rows []record.Row
	for i := 0; i < 64; i++ {
		for k, src := range []string{"obj-b", "obj-a", "obj-c"} {
			var r record.Row
			r.SetStr(record.RecipientAccountID, "111122223333")
			r.SetStr(record.AWSRegion, "us-east-1")
			r.SetStr(record.EventID, fmt.Sprintf("id-%d", i))
			r.EventTime, r.HasTime = base+int64(i)*1000, true
			keys := []string{`"a":1`, `"b":2`, `"c":3`}
			keys = append(keys[k:], keys[:k]...) // the same document, keys rotated
			r.SetStr(record.RequestParameters, "{"+strings.Join(keys, ",")+"}")
			r.Source = src
			rows = append(rows, r)
		}
	}
	for _, budget := range []int64{1 << 30, 16 << 10} {
		for _, reverse := range []bool{false, true} {
			in := slices.Clone(rows)
			if reverse {
				slices.Reverse(in)
			}
			lake, _ := objstore.NewDir(t.TempDir())
			res := writeRows(t, lake, Config{RunID: "r", MemoryBudget: budget, TempDir: t.TempDir()}, in)
			if res.Duplicates != 2*64 {
				t.Errorf("budget %d reverse %v: %d duplicates dropped, want %d", budget, reverse, res.Duplicates, 2*64)
			}
			for _, got := range readLake(t, lake) {
				for _, r := range got {
					if r.Source != "obj-a" || r.Str[record.RequestParameters] != `{"b":2,"c":3,"a":1}` {
						t.Fatalf("budget %d reverse %v: kept %s %s, want obj-a's row", budget, reverse, r.Source, r.Str[record.RequestParameters])
					}
				}
			}
		}
	}
}

func TestCompactMergesAndDedups(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	lake, _ := objstore.NewDir(t.TempDir())
	var all []record.Row
	for run := 0; run < 3; run++ {
		var rows []record.Row
		for i := 0; i < 300; i++ {
			rows = append(rows, randRow(rng, run*1000+i))
		}
		if run > 0 { // the next night re-delivers some of the previous night's events
			rows = append(rows, all[:50]...)
		}
		writeRows(t, lake, Config{RunID: fmt.Sprint("run", run)}, rows)
		all = append(all, rows...)
	}
	before := readLake(t, lake)
	res, err := Compact(context.Background(), lake, CompactOptions{Config: Config{TempDir: t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Duplicates == 0 {
		t.Error("compact dropped no duplicates; the runs repeated 100 events")
	}
	after := readLake(t, lake)
	parts, _ := List(context.Background(), lake)
	for _, p := range parts {
		if len(p.Files) != 1 {
			t.Errorf("%s has %d files after compact", p.Key.Dir(), len(p.Files))
		}
	}
	var nBefore, nAfter int
	for k, rows := range before {
		distinct := map[string]bool{}
		for _, r := range rows {
			r.Source = ""
			distinct[canon(&r)] = true
		}
		got := map[string]int{}
		for _, r := range after[k] {
			r.Source = ""
			got[canon(&r)]++
		}
		for c := range distinct {
			if got[c] == 0 {
				t.Errorf("%s: a row was lost by compact", k.Dir())
			}
		}
		nBefore += len(rows)
		nAfter += len(after[k])
	}
	if int64(nBefore-nAfter) != res.Duplicates || res.RowsOut != int64(nAfter) {
		t.Errorf("rows %d -> %d, result says %d dropped, %d out", nBefore, nAfter, res.Duplicates, res.RowsOut)
	}
}

// TestFileFooter checks the footer the sink rewrites: no page encoding
// stats or size statistics; no page index when every chunk is one page;
// a page index that parquet-go reads back, with one entry per page, when a
// chunk has several; and every row intact either way.
func TestFileFooter(t *testing.T) {
	big := strings.Repeat("x", 4000)
	for _, tc := range []struct {
		name      string
		rows      int
		pageIndex bool
	}{{"small", 50, false}, {"pages", 1000, true}} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, uint64(tc.rows)))
			var rows []record.Row
			for i := 0; i < tc.rows; i++ {
				r := randRow(rng, i)
				r.SetStr(record.RecipientAccountID, "000000000001")
				r.SetStr(record.AWSRegion, "us-east-1")
				r.EventTime, r.HasTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()+int64(i), true
				if tc.pageIndex {
					r.SetStr(record.RequestParameters, fmt.Sprintf(`{"i":%d,"s":"%s%d"}`, i, big, rng.Int()))
				}
				rows = append(rows, r)
			}
			lake, _ := objstore.NewDir(t.TempDir())
			res := writeRows(t, lake, Config{RunID: "f"}, rows)
			if len(res.Files) != 1 {
				t.Fatalf("%d files, want 1", len(res.Files))
			}
			parts, err := List(context.Background(), lake)
			if err != nil {
				t.Fatal(err)
			}
			f, c, err := openFile(context.Background(), lake, parts[0].Files[0])
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			multi := false
			for _, rg := range f.Metadata().RowGroups {
				for _, cc := range rg.Columns {
					if len(cc.MetaData.EncodingStats) > 0 || len(cc.MetaData.SizeStatistics.DefinitionLevelHistogram) > 0 {
						t.Errorf("column %v keeps encoding or size statistics", cc.MetaData.PathInSchema)
					}
					if (cc.ColumnIndexOffset != 0) != tc.pageIndex || (cc.OffsetIndexOffset != 0) != tc.pageIndex {
						t.Errorf("column %v: page index at %d/%d, want one: %v", cc.MetaData.PathInSchema, cc.ColumnIndexOffset, cc.OffsetIndexOffset, tc.pageIndex)
					}
				}
			}
			if tc.pageIndex {
				for _, oi := range f.OffsetIndexes() {
					multi = multi || len(oi.PageLocations) > 1
				}
				if !multi || len(f.ColumnIndexes()) != len(leaves) {
					t.Errorf("page index not read back: %d column indexes, multi-page %v", len(f.ColumnIndexes()), multi)
				}
			}
			got := readLake(t, lake)[parts[0].Key]
			if len(got) != len(rows) {
				t.Fatalf("%d rows read back, want %d", len(got), len(rows))
			}
			for i := range rows {
				if canon(&got[i]) != canon(&rows[i]) {
					t.Fatalf("row %d differs after the round trip", i)
				}
			}
		})
	}
}

// TestSinkColumnPaths checks that every column chunk of every file names
// its column (path_in_schema) and every row group says it is sorted by
// eventtime, also in the files a reused writer writes after its first:
// readers such as parquet-mr and Trino find columns by these paths.
func TestSinkColumnPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var rows []record.Row
	for i := 0; i < 400; i++ {
		rows = append(rows, randRow(rng, i))
	}
	for _, writers := range []int{1, 3} {
		dir := t.TempDir()
		lake, _ := objstore.NewDir(dir)
		res := writeRows(t, lake, Config{RunID: "r1", Writers: writers, MemoryBudget: 64 << 10}, rows)
		if len(res.Files) < 3 || res.Spills == 0 {
			t.Fatalf("%d files, %d spills: the test needs several files per writer and spilled runs", len(res.Files), res.Spills)
		}
		for _, f := range res.Files {
			pf := openWritten(t, dir, f)
			for _, rg := range pf.Metadata().RowGroups {
				want := []format.SortingColumn{{ColumnIdx: int32(slices.IndexFunc(leaves, func(l leaf) bool { return l.col.Name == record.ColEventTime })), NullsFirst: true}}
				if fmt.Sprintf("%+v", rg.SortingColumns) != fmt.Sprintf("%+v", want) {
					t.Fatalf("writers=%d: %s: sorting_columns %+v, want %+v", writers, f.Path, rg.SortingColumns, want)
				}
				for j, c := range rg.Columns {
					if !slices.Equal(c.MetaData.PathInSchema, lakePaths[j]) {
						t.Fatalf("writers=%d: %s: column %d has path_in_schema %q, want %q", writers, f.Path, j, c.MetaData.PathInSchema, lakePaths[j])
					}
				}
			}
		}
	}
}

// TestSinkLanesAgree: however many lanes (one merge and writer each) and
// spills, the same rows give the same files, byte for byte, and the same
// counts of rows and duplicates dropped.
func TestSinkLanesAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	var rows []record.Row
	for i := 0; i < 600; i++ {
		rows = append(rows, randRow(rng, i))
	}
	for i := 0; i < 100; i++ { // exact duplicates, from other objects
		d := rows[rng.IntN(len(rows))]
		d.Source = fmt.Sprintf("dup/%d.json.gz", i)
		rows = append(rows, d)
	}
	type outcome struct {
		files map[string][]byte
		res   Result
	}
	write := func(writers int, budget int64) outcome {
		dir := t.TempDir()
		lake, _ := objstore.NewDir(dir)
		sink, err := NewSink(lake, Config{RunID: "r1", TempDir: t.TempDir(), Writers: writers, MemoryBudget: budget, Batches: 2})
		if err != nil {
			t.Fatal(err)
		}
		b1, b2 := sink.NewBatch(), sink.NewBatch()
		for i := range rows {
			b := b1
			if i%3 == 0 {
				b = b2
			}
			if err := b.Add(&rows[i], Hint{}); err != nil {
				t.Fatal(err)
			}
		}
		b1.Close()
		b2.Close()
		res, err := sink.Finish(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		o := outcome{files: map[string][]byte{}, res: res}
		for _, f := range res.Files {
			o.files[f.Path], _ = os.ReadFile(filepath.Join(dir, f.Path))
		}
		return o
	}
	base := write(1, 64<<20)
	if base.res.Spills != 0 || base.res.Duplicates == 0 || len(base.files) < 4 {
		t.Fatalf("base run: %d spills, %d duplicates, %d files: the test needs no spills, duplicates and several partitions", base.res.Spills, base.res.Duplicates, len(base.files))
	}
	for _, c := range []struct {
		writers int
		budget  int64
	}{{1, 32 << 10}, {2, 32 << 10}, {4, 64 << 20}, {4, 32 << 10}, {7, 16 << 10}} {
		got := write(c.writers, c.budget)
		if c.budget < 64<<10 && got.res.Spills == 0 {
			t.Errorf("writers=%d budget=%d: no spill", c.writers, c.budget)
		}
		if got.res.Rows != base.res.Rows || got.res.Duplicates != base.res.Duplicates || got.res.Conflicts != base.res.Conflicts {
			t.Errorf("writers=%d budget=%d: rows %d, duplicates %d, conflicts %d; with one lane %d, %d, %d", c.writers, c.budget,
				got.res.Rows, got.res.Duplicates, got.res.Conflicts, base.res.Rows, base.res.Duplicates, base.res.Conflicts)
		}
		if len(got.files) != len(base.files) {
			t.Errorf("writers=%d budget=%d: %d files, want %d", c.writers, c.budget, len(got.files), len(base.files))
		}
		for p, b := range base.files {
			if !bytes.Equal(got.files[p], b) {
				t.Errorf("writers=%d budget=%d: %s differs from the one-lane run's", c.writers, c.budget, p)
			}
		}
	}
}

// failCommits is a store whose writers fail Commit for keys containing bad.
type failCommits struct {
	objstore.Store
	bad string
}

func (f failCommits) Create(ctx context.Context, key string) (objstore.Writer, error) {
	w, err := f.Store.Create(ctx, key)
	if err != nil || !strings.Contains(key, f.bad) {
		return w, err
	}
	return failingWriter{w}, nil
}

type failingWriter struct{ objstore.Writer }

func (w failingWriter) Commit() error {
	w.Writer.Abort()
	return errors.New("injected commit failure")
}

// TestSinkCommitFailure: a file whose commit fails makes Finish fail,
// naming it; every file that is in the lake is whole and listed in no
// other state than committed, and nothing temporary is left.
func TestSinkCommitFailure(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var rows []record.Row
	for i := 0; i < 400; i++ {
		rows = append(rows, randRow(rng, i))
	}
	dir := t.TempDir()
	lake, _ := objstore.NewDir(dir)
	res, err := sinkRows(t, failCommits{lake, "date=2024-01-02"}, Config{RunID: "r1"}, rows)
	if err == nil || !strings.Contains(err.Error(), "injected commit failure") || !strings.Contains(err.Error(), "date=2024-01-02/part-r1.parquet") {
		t.Fatalf("Finish: %v", err)
	}
	listed := map[string]bool{}
	for _, f := range res.Files {
		listed[f.Path] = true
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if !strings.HasSuffix(rel, ".parquet") || strings.Contains(rel, "date=2024-01-02") {
			t.Errorf("left in the lake: %s", rel)
			return nil
		}
		if !listed[rel] {
			t.Errorf("%s is in the lake but not in the result", rel)
		}
		data, _ := os.ReadFile(p)
		if _, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data))); err != nil {
			t.Errorf("%s: %v", rel, err)
		}
		return nil
	})
}

// TestSinkRowGroupBytes checks that RowGroupBytes ends row groups early,
// by the writer's size estimate, and changes nothing of what the lake
// holds: the same rows, in the same order, in every partition.
func TestSinkRowGroupBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var rows []record.Row
	for i := 0; i < 3000; i++ { // one partition: the limit is checked per chunk of rows
		r := randRow(rng, i)
		r.SetStr(record.RecipientAccountID, "000000000001")
		r.SetStr(record.AWSRegion, "us-east-1")
		r.EventTime, r.HasTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()+rng.Int64N(86400e3), true
		rows = append(rows, r)
	}
	groups := func(dir string, res Result) (n int) {
		for _, f := range res.Files {
			n += len(openWritten(t, dir, f).Metadata().RowGroups)
		}
		return n
	}
	var lakes []map[Key][]record.Row
	var counts []int
	for _, limit := range []int64{-1, 16 << 10} {
		dir := t.TempDir()
		lake, _ := objstore.NewDir(dir)
		res := writeRows(t, lake, Config{RunID: "r1", RowGroupBytes: limit}, rows)
		counts = append(counts, groups(dir, res))
		lakes = append(lakes, readLake(t, lake))
	}
	if counts[0] != len(lakes[0]) {
		t.Fatalf("without a byte limit: %d row groups in %d partitions, want one each", counts[0], len(lakes[0]))
	}
	if counts[1] < 2*counts[0] {
		t.Fatalf("a 16 KiB limit gave %d row groups, without it %d", counts[1], counts[0])
	}
	if !reflect.DeepEqual(lakes[0], lakes[1]) {
		t.Fatal("the lakes with and without the byte limit hold different rows")
	}
}

// openWritten opens a file a sink wrote into the directory dir.
func openWritten(t *testing.T, dir string, f FileInfo) *parquet.File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, f.Path))
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return pf
}
