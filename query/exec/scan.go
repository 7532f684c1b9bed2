package exec

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/pq"
	"github.com/trailhouse/trailhouse/query/vec"
)

// ScanStats count what scans read, out of how much (EXPLAIN and the
// statement's Stats). All scans of a statement add into one ScanStats.
type ScanStats struct {
	Partitions, PartitionsTotal atomic.Int64
	Files, FilesTotal           atomic.Int64
	RowGroups, RowGroupsTotal   atomic.Int64
	Bytes, BytesTotal           atomic.Int64 // column-chunk bytes to read / in the table
	BytesRead                   atomic.Int64 // bytes actually read from storage (footers included)
	Rows                        atomic.Int64 // rows decoded
}

// unit is one row group to read.
type unit struct {
	obj   objstore.Object
	md    *pq.File
	rg    int
	part  *Partition
	bytes int64
}

// ScanPlan is what a scan will read after pruning.
type ScanPlan struct {
	units                       []unit
	Partitions, PartitionsTotal int
	Files, FilesTotal           int
	RowGroups, RowGroupsTotal   int
	Bytes, BytesTotal           int64
}

// PlanScan lists the scan's table and prunes it: partitions by the
// filters on account, region and date (and eventtime's dates), row groups
// by column statistics and bloom filters.
func PlanScan(ctx context.Context, env *Env, n *plan.Scan) (*ScanPlan, error) {
	parts, err := env.Lake.Partitions(ctx, n.Table.Name)
	if err != nil {
		return nil, err
	}
	sp := &ScanPlan{PartitionsTotal: len(parts)}
	for _, p := range parts {
		sp.FilesTotal += len(p.Files)
	}
	keep, err := prunePartitions(env, n, parts)
	if err != nil {
		return nil, err
	}
	tests := rowGroupTests(n)
	want := map[string]bool{}
	for _, s := range n.Source {
		want[n.Table.Columns[s].Name] = true
	}
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, max(4, env.Parallelism*2))
	var wg sync.WaitGroup
	type fileUnits struct {
		order int
		units []unit
		rgs   int
		bytes int64
	}
	var results []fileUnits
	order := 0
	for pi, p := range parts {
		for _, o := range p.Files {
			idx := order
			order++
			o, p, kept := o, p, keep[pi]
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				md, err := env.Lake.footer(ctx, o, &env.Stats.BytesRead)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				fu := fileUnits{order: idx, rgs: len(md.RowGroups)}
				for rg := range md.RowGroups {
					fu.bytes += rowGroupBytes(md, rg)
				}
				if kept {
					rgs, err := pruneRowGroups(ctx, env, n, o, md, tests)
					if err != nil {
						mu.Lock()
						if firstErr == nil {
							firstErr = err
						}
						mu.Unlock()
						return
					}
					for _, rg := range rgs {
						fu.units = append(fu.units, unit{obj: o, md: md, rg: rg, part: p, bytes: chunkBytes(md, rg, want)})
					}
				}
				mu.Lock()
				results = append(results, fu)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	sort.Slice(results, func(i, j int) bool { return results[i].order < results[j].order })
	touched := map[*Partition]bool{}
	for _, r := range results {
		sp.RowGroupsTotal += r.rgs
		sp.BytesTotal += r.bytes
		if len(r.units) > 0 {
			sp.Files++
		}
		for _, u := range r.units {
			touched[u.part] = true
			sp.RowGroups++
			sp.Bytes += u.bytes
		}
		sp.units = append(sp.units, r.units...)
	}
	sp.Partitions = len(touched)
	return sp, nil
}

// chunkBytes is the compressed size of the scan's columns in row group rg.
// want names the scan's columns.
func chunkBytes(md *pq.File, rg int, want map[string]bool) int64 {
	var total int64
	for i, l := range md.Leaves {
		if want[l.Name] {
			total += md.RowGroups[rg].Chunks[i].TotalCompressedSize
		}
	}
	return total
}

// rowGroupBytes is the compressed size of all columns of row group rg.
func rowGroupBytes(md *pq.File, rg int) int64 {
	var total int64
	for _, c := range md.RowGroups[rg].Chunks {
		total += c.TotalCompressedSize
	}
	return total
}

// prunePartitions evaluates the filters that read only partition columns
// over the partitions' values, and eventtime's bounds over their dates.
func prunePartitions(env *Env, n *plan.Scan, parts []*Partition) ([]bool, error) {
	keep := make([]bool, len(parts))
	for i := range keep {
		keep[i] = true
	}
	partCols := map[int]string{}
	var eventtime int = -1
	for i, c := range n.Cols {
		tc := n.Table.Columns[n.Source[i]]
		if tc.Partition {
			partCols[c.ID] = tc.Name
		}
		if tc.Name == "eventtime" {
			eventtime = c.ID
		}
	}
	var conds []plan.Expr
	for _, f := range n.Filter {
		if partitionOnly(n, f) {
			conds = append(conds, f)
		}
	}
	if len(conds) > 0 && len(parts) > 0 {
		l := layout{}
		b := &vec.Batch{Len: len(parts)}
		for id, name := range partCols {
			l[id] = len(b.Cols)
			v := vec.New(vec.TVarchar, len(parts))
			for i, p := range parts {
				if s := p.Values[name]; s == "" {
					v.SetNull(i)
				} else {
					v.S[i] = s
				}
			}
			b.Cols = append(b.Cols, v)
		}
		for _, c := range conds {
			ev, err := compile(env.Fn, c, l)
			if err != nil {
				return nil, err
			}
			v, err := ev(b)
			if err != nil {
				return nil, fmt.Errorf("partition filter %s: %w", c, err)
			}
			for i := range keep {
				if v.IsNull(i) || !v.B[i] {
					keep[i] = false
				}
			}
		}
	}
	if eventtime >= 0 {
		if lo, hi, ok := timeBounds(n.Filter, eventtime); ok {
			for i, p := range parts {
				d := p.Values["date"]
				if d == "" {
					keep[i] = false // no valid eventtime in this partition
					continue
				}
				t, err := time.Parse("2006-01-02", d)
				if err != nil {
					continue
				}
				start := t.UnixMilli()
				end := start + 86400000 - 1
				if end < lo || start > hi {
					keep[i] = false
				}
			}
		}
	}
	return keep, nil
}

// partitionOnly reports whether filter f of n reads partition columns and
// nothing else. Such a filter has one value per partition.
func partitionOnly(n *plan.Scan, f plan.Expr) bool {
	refs := plan.Refs(f)
	if len(refs) == 0 {
		return false
	}
	for i, c := range n.Cols {
		if refs[c.ID] && !n.Table.Columns[n.Source[i]].Partition {
			return false
		}
	}
	for id := range refs {
		found := false
		for _, c := range n.Cols {
			found = found || c.ID == id
		}
		if !found {
			return false
		}
	}
	return true
}

// volatile reports whether e calls a function whose value is not a
// function of its arguments.
func volatile(e plan.Expr) bool {
	v := false
	plan.Walk(e, func(x plan.Expr) {
		if c, ok := x.(*plan.Call); ok && c.Fn.Volatile {
			v = true
		}
	})
	return v
}

// timeBounds is the [lo, hi] range (ms, inclusive) that the filters allow
// for column id, when they bound it; ok is false unless some filter also
// implies that the column is not NULL (date pruning may then drop the
// partitions of rows without a valid eventtime).
func timeBounds(filters []plan.Expr, id int) (lo, hi int64, ok bool) {
	lo, hi = -1<<63, 1<<63-1
	for _, f := range filters {
		r, found := rangeOf(f, id)
		if !found || !r.notNull {
			continue // IS NULL wants the rows with no valid eventtime
		}
		ok = true
		if r.lo.set {
			if v, isInt := r.lo.v.(int64); isInt {
				if !r.lo.incl {
					v++
				}
				lo = max(lo, v)
			}
		}
		if r.hi.set {
			if v, isInt := r.hi.v.(int64); isInt {
				if !r.hi.incl {
					v--
				}
				hi = min(hi, v)
			}
		}
	}
	return lo, hi, ok
}

type bound struct {
	set, incl bool
	v         any
}

// colRange is what one conjunct says about a column: a range, a set of
// values, or IS [NOT] NULL.
type colRange struct {
	lo, hi  bound
	values  []any // IN / =: the column is one of these
	isNull  bool
	notNull bool
}

// rangeOf reads a conjunct of the forms col op const, const op col,
// col IN (...), col IS [NOT] NULL for column id. Any of them (but IS
// NULL) also implies the column is not NULL.
func rangeOf(e plan.Expr, id int) (colRange, bool) {
	isCol := func(x plan.Expr) bool { c, ok := x.(*plan.ColRef); return ok && c.ID == id }
	switch e := e.(type) {
	case *plan.Call:
		if len(e.Args) != 2 {
			return colRange{}, false
		}
		op := e.Fn.Name
		var k *plan.Const
		switch {
		case isCol(e.Args[0]):
			k, _ = e.Args[1].(*plan.Const)
		case isCol(e.Args[1]):
			k, _ = e.Args[0].(*plan.Const)
			op = map[string]string{"$lt": "$gt", "$le": "$ge", "$gt": "$lt", "$ge": "$le", "$eq": "$eq"}[op]
		}
		if k == nil {
			if r, ok := truncRange(e, id); ok {
				return r, true
			}
		}
		if k == nil || k.Value == nil {
			return colRange{}, false
		}
		r := colRange{notNull: true}
		switch op {
		case "$eq":
			r.values = []any{k.Value}
			r.lo, r.hi = bound{true, true, k.Value}, bound{true, true, k.Value}
		case "$lt":
			r.hi = bound{true, false, k.Value}
		case "$le":
			r.hi = bound{true, true, k.Value}
		case "$gt":
			r.lo = bound{true, false, k.Value}
		case "$ge":
			r.lo = bound{true, true, k.Value}
		default:
			return colRange{}, false
		}
		return r, true
	case *plan.InExpr:
		if !isCol(e.Arg) || e.Not || len(e.Values) == 0 {
			return colRange{}, false
		}
		r := colRange{notNull: true, values: e.Values}
		lo, hi := e.Values[0], e.Values[0]
		for _, v := range e.Values[1:] {
			if less(v, lo) {
				lo = v
			}
			if less(hi, v) {
				hi = v
			}
		}
		r.lo, r.hi = bound{true, true, lo}, bound{true, true, hi}
		return r, true
	case *plan.IsNullExpr:
		if !isCol(e.Arg) {
			return colRange{}, false
		}
		if e.Not {
			return colRange{notNull: true}, true
		}
		return colRange{isNull: true}, true
	}
	return colRange{}, false
}

func less(a, b any) bool {
	switch a := a.(type) {
	case int64:
		return a < b.(int64)
	case float64:
		return a < b.(float64)
	case string:
		return a < b.(string)
	case bool:
		return !a && b.(bool)
	}
	return false
}

// rgTest is a row-group test on one stored column.
type rgTest struct {
	col   string
	r     colRange
	bloom bool
}

func rowGroupTests(n *plan.Scan) []rgTest {
	var out []rgTest
	for i, c := range n.Cols {
		tc := n.Table.Columns[n.Source[i]]
		if tc.Partition || tc.JSON || tc.T.Kind == vec.Array {
			continue
		}
		for _, f := range n.Filter {
			if r, ok := rangeOf(f, c.ID); ok {
				out = append(out, rgTest{col: tc.Name, r: r, bloom: tc.Bloom})
			}
		}
	}
	return out
}

// pruneRowGroups returns the row groups of a file that may hold rows
// passing the tests.
func pruneRowGroups(ctx context.Context, env *Env, n *plan.Scan, o objstore.Object, md *pq.File, tests []rgTest) ([]int, error) {
	var keep []int
	var ra io.ReaderAt
	var closer io.Closer
	defer func() {
		if closer != nil {
			closer.Close()
		}
	}()
rowGroups:
	for rg, r := range md.RowGroups {
		if r.NumRows == 0 {
			continue
		}
		for _, t := range tests {
			leaf := md.Leaf(t.col)
			if leaf < 0 || md.Leaves[leaf].List {
				continue
			}
			ch := &r.Chunks[leaf]
			if !statsAllow(md.Leaves[leaf].Type, ch, t.r, r.NumRows) {
				continue rowGroups
			}
			if t.bloom && len(t.r.values) > 0 && ch.BloomFilterOffset > 0 {
				if ra == nil {
					var err error
					if ra, closer, err = env.Lake.open(ctx, o, &env.Stats.BytesRead); err != nil {
						return nil, err
					}
				}
				bf, err := md.BloomFilter(ctx, ra, rg, leaf)
				if err != nil || bf == nil {
					continue
				}
				hit := false
				for _, v := range t.r.values {
					s, ok := v.(string)
					if !ok || bf.MayContainString(s) {
						hit = true
						break
					}
				}
				if !hit {
					continue rowGroups
				}
			}
		}
		keep = append(keep, rg)
	}
	return keep, nil
}

// statsAllow reports whether a column chunk's statistics admit a value in
// r (true when they cannot tell).
func statsAllow(p pq.Physical, ch *pq.Chunk, r colRange, rows int64) bool {
	if !ch.HasStats {
		return true
	}
	st := &ch.Stats
	if st.HasNullCount {
		if r.isNull && st.NullCount == 0 {
			return false
		}
		if r.notNull && st.NullCount == rows {
			return false
		}
	}
	if !st.HasMin || !st.HasMax || (!r.lo.set && !r.hi.set) {
		return true
	}
	var cmpMin, cmpMax func(v any) (int, bool) // sign of v - min, v - max
	switch p {
	case pq.ByteArray:
		if st.Legacy {
			return true // the old min/max fields have no defined order for text
		}
		mn, mx := st.Min, st.Max
		cmpMin = func(v any) (int, bool) { s, ok := v.(string); return strings.Compare(s, mn), ok }
		cmpMax = func(v any) (int, bool) { s, ok := v.(string); return strings.Compare(s, mx), ok }
	case pq.Int64:
		if len(st.Min) != 8 || len(st.Max) != 8 {
			return true
		}
		mn := int64(binary.LittleEndian.Uint64([]byte(st.Min)))
		mx := int64(binary.LittleEndian.Uint64([]byte(st.Max)))
		c := func(a, b int64) int {
			switch {
			case a < b:
				return -1
			case a > b:
				return 1
			}
			return 0
		}
		cmpMin = func(v any) (int, bool) { x, ok := v.(int64); return c(x, mn), ok }
		cmpMax = func(v any) (int, bool) { x, ok := v.(int64); return c(x, mx), ok }
	default:
		return true
	}
	if r.lo.set {
		if c, ok := cmpMax(r.lo.v); ok && (c > 0 || (c == 0 && !r.lo.incl)) {
			return false
		}
	}
	if r.hi.set {
		if c, ok := cmpMin(r.hi.v); ok && (c < 0 || (c == 0 && !r.hi.incl)) {
			return false
		}
	}
	return true
}

// scanOp reads the planned row groups in parallel.
type scanOp struct {
	env    *Env
	node   *plan.Scan
	filter []evaluator
	// filterCol marks the columns (positions in Cols) the filters read:
	// they are decoded first, the others only for row groups with rows
	// left.
	filterCol []bool
	filterPos [][]int // per filter, the positions it reads
	out       chan scanResult
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	once      sync.Once
	closed    bool
	rows      atomic.Int64
	plan      *ScanPlan
	top       *topBound // from a top-N above, or nil
	// parts holds one vector per partition value (nil key: NULL), at the
	// longest length asked for; batches get slices of it.
	partsMu sync.Mutex
	parts   map[string]*vec.Vector
	nulls   *vec.Vector
}

type scanResult struct {
	b   *vec.Batch
	err error
}

func newScan(env *Env, n *plan.Scan) (Operator, error) {
	o := &scanOp{env: env, node: n, filterCol: make([]bool, len(n.Cols)), top: env.tops[n]}
	delete(env.tops, n) // for this use of n only
	l := layoutOf(n.Cols)
	for _, f := range orderFilters(n.Filter) {
		if partitionOnly(n, f) && !volatile(f) {
			continue // decided per partition by prunePartitions
		}
		ev, err := compile(env.Fn, f, l)
		if err != nil {
			return nil, err
		}
		o.filter = append(o.filter, ev)
		var pos []int
		for id := range plan.Refs(f) {
			o.filterCol[l[id]] = true
			pos = append(pos, l[id])
		}
		o.filterPos = append(o.filterPos, pos)
	}
	return o, nil
}

// orderFilters runs cheap, selective filters first: comparisons with
// constants before function calls over text. A filter that can fail
// (CAST(x AS bigint) > 100) is never moved before one written ahead of it,
// which may be its guard (regexp_like(x, '^[0-9]+$') AND ...).
func orderFilters(fs []plan.Expr) []plan.Expr {
	var out, seg []plan.Expr
	for _, f := range fs {
		if !safeExpr(f) {
			out = append(append(out, sortByCost(seg)...), f)
			seg = nil
			continue
		}
		seg = append(seg, f)
	}
	return append(out, sortByCost(seg)...)
}

// sortByCost orders filters that cannot fail by their cost.
func sortByCost(fs []plan.Expr) []plan.Expr {
	out := append([]plan.Expr(nil), fs...)
	cost := func(e plan.Expr) int {
		c := 0
		plan.Walk(e, func(x plan.Expr) {
			switch x := x.(type) {
			case *plan.Call:
				c += 2
				if strings.HasPrefix(x.Fn.Name, "json") || strings.HasPrefix(x.Fn.Name, "regexp") || x.Fn.Name == "$like" {
					c += 20
				}
			case *plan.CaseExpr, *plan.Logic:
				c += 3
			}
		})
		return c
	}
	sort.SliceStable(out, func(i, j int) bool { return cost(out[i]) < cost(out[j]) })
	return out
}

func (o *scanOp) start(ctx context.Context) error {
	sp, err := PlanScan(ctx, o.env, o.node)
	if err != nil {
		return err
	}
	o.plan = sp
	st := o.env.Stats
	st.Partitions.Add(int64(sp.Partitions))
	st.PartitionsTotal.Add(int64(sp.PartitionsTotal))
	st.Files.Add(int64(sp.Files))
	st.FilesTotal.Add(int64(sp.FilesTotal))
	st.RowGroups.Add(int64(sp.RowGroups))
	st.RowGroupsTotal.Add(int64(sp.RowGroupsTotal))
	st.Bytes.Add(sp.Bytes)
	st.BytesTotal.Add(sp.BytesTotal)

	ctx, o.cancel = context.WithCancel(ctx)
	o.out = make(chan scanResult, o.env.Parallelism*2)
	units := make(chan unit)
	workers := max(1, o.env.Parallelism)
	for w := 0; w < workers; w++ {
		o.wg.Add(1)
		go func() {
			defer o.wg.Done()
			for u := range units {
				if o.top.excludes(u) {
					st.RowGroups.Add(-1) // not read after all
					st.Bytes.Add(-u.bytes)
					continue
				}
				if err := o.read(ctx, u); err != nil {
					if !errors.Is(err, context.Canceled) {
						select {
						case o.out <- scanResult{err: err}:
						case <-ctx.Done():
						}
					}
					o.cancel()
					return
				}
			}
		}()
	}
	if o.top != nil {
		o.top.order(sp.units)
	}
	go func() {
		defer close(units)
		for _, u := range sp.units {
			if o.node.Limit >= 0 && o.rows.Load() >= o.node.Limit {
				return
			}

			select {
			case units <- u:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		o.wg.Wait()
		close(o.out)
	}()
	return nil
}

func (o *scanOp) Next(ctx context.Context) (*vec.Batch, error) {
	if o.closed {
		return nil, nil
	}
	if o.out == nil {
		if err := o.start(ctx); err != nil {
			return nil, err
		}
	}
	select {
	case r, ok := <-o.out:
		if !ok {
			return nil, ctx.Err()
		}
		return r.b, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (o *scanOp) Close() {
	o.once.Do(func() {
		o.closed = true
		if o.cancel != nil {
			o.cancel()
			go func() { // let workers finish; drain so none blocks
				for range o.out {
				}
			}()
		}
	})
}

const batchRows = 16384

// read decodes one row group and sends its filtered batches.
func (o *scanOp) read(ctx context.Context, u unit) error {
	n := o.node
	uri := o.env.Lake.Store.URI(u.obj.Key)
	// Columns to decode, by their top-level name.
	stored := map[string]bool{}
	for _, s := range n.Source {
		tc := n.Table.Columns[s]
		if !tc.Partition {
			stored[tc.Name] = true
		}
	}
	emit := func(cols map[string]*vec.Vector, rows int) error { return o.emit(ctx, u, cols, rows) }
	rows := int(u.md.RowGroups[u.rg].NumRows)
	if len(stored) == 0 { // count(*) and partition columns only
		for lo := 0; lo < rows; lo += batchRows {
			if err := emit(nil, min(batchRows, rows-lo)); err != nil {
				return err
			}
		}
		return nil
	}
	ra, closer, err := o.env.Lake.open(ctx, u.obj, &o.env.Stats.BytesRead)
	if err != nil {
		return err
	}
	defer closer.Close()
	if len(o.filter) > 0 && rows > 0 {
		return o.readLate(ctx, u, ra, rows)
	}
	cols := map[string]*vec.Vector{}
	for _, s := range n.Source {
		tc := n.Table.Columns[s]
		if tc.Partition {
			continue
		}
		leaf := u.md.Leaf(tc.Name)
		if leaf < 0 {
			return fmt.Errorf("read %s: %w: no column %s", uri, ErrSchema, tc.Name)
		}
		v, err := u.md.ReadColumnCoded(ctx, ra, u.rg, leaf, tc.T)
		if errors.Is(err, pq.ErrUnsupported) {
			return o.readArrow(ctx, u, ra) // a file from another writer
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", uri, err)
		}
		if v.Len != rows {
			return fmt.Errorf("read %s: %w: column %s has %d values in a row group of %d rows", uri, ErrSchema, tc.Name, v.Len, rows)
		}
		cols[tc.Name] = v
	}
	if rows <= batchRows {
		return emit(cols, rows)
	}
	for lo := 0; lo < rows; lo += batchRows {
		hi := min(rows, lo+batchRows)
		part := make(map[string]*vec.Vector, len(cols))
		for k, v := range cols {
			part[k] = v.Slice(lo, hi)
		}
		if err := emit(part, hi-lo); err != nil {
			return err
		}
	}
	return nil
}

// readLate reads a row group for a filtered scan: the filters' columns
// first, the others only if some row passes, and then only those rows.
func (o *scanOp) readLate(ctx context.Context, u unit, ra parquet.ReaderAtSeeker, rows int) error {
	n := o.node
	uri := o.env.Lake.Store.URI(u.obj.Key)
	b := &vec.Batch{Len: rows, Cols: make([]*vec.Vector, len(n.Cols))}
	read := func(i int) error {
		tc := n.Table.Columns[n.Source[i]]
		if tc.Partition {
			b.Cols[i] = o.partVec(u, tc.Name, rows)
			return nil
		}
		leaf := u.md.Leaf(tc.Name)
		if leaf < 0 {
			return fmt.Errorf("read %s: %w: no column %s", uri, ErrSchema, tc.Name)
		}
		v, err := u.md.ReadColumnCoded(ctx, ra, u.rg, leaf, tc.T)
		if err != nil {
			return err
		}
		if v.Len != rows {
			return fmt.Errorf("read %s: %w: column %s has %d values in a row group of %d rows", uri, ErrSchema, tc.Name, v.Len, rows)
		}
		b.Cols[i] = v
		return nil
	}
	o.env.Stats.Rows.Add(int64(rows))
	keep := make([]bool, rows)
	for i := range keep {
		keep[i] = true
	}
	left := rows
	for fi, f := range o.filter {
		pos := o.filterPos[fi]
		// A filter's columns are read when it runs: rows the earlier
		// filters drop save the rest.
		for _, p := range pos {
			if b.Cols[p] != nil {
				continue
			}
			if err := read(p); err != nil {
				if errors.Is(err, pq.ErrUnsupported) {
					return o.readArrow(ctx, u, ra)
				}
				return fmt.Errorf("read %s: %w", uri, err)
			}
		}
		// A filter over one dictionary-coded text column is evaluated per
		// dictionary entry; when an entry fails (it may be in no row
		// left), row by row. So is one over a boolean column, whose
		// entries are false, true.
		var (
			r    *vec.Vector
			d    int
			code func(i int) int // row i's entry; d for NULL
		)
		var v *vec.Vector // the filter's one column
		if len(pos) == 1 {
			v = b.Cols[pos[0]]
		}
		if v != nil && v.Dict != nil && v.Dict.Values != nil {
			d = len(v.Dict.Values)
			dv := &vec.Vector{T: v.T, Len: d + 1, S: append(v.Dict.Values[:d:d], ""), Null: make([]bool, d+1)}
			dv.Null[d] = true // the NULL row
			db := &vec.Batch{Len: d + 1, Cols: make([]*vec.Vector, len(n.Cols))}
			db.Cols[pos[0]] = dv
			var err error
			if r, err = f(db); err != nil {
				r = nil
			}
			code = func(i int) int {
				if v.IsNull(i) {
					return d
				}
				return int(v.Codes[i])
			}
		} else if v != nil && v.T.Kind == vec.Boolean {
			d = 2
			dv := &vec.Vector{T: vec.TBoolean, Len: 3, B: []bool{false, true, false}, Null: []bool{false, false, true}}
			db := &vec.Batch{Len: 3, Cols: make([]*vec.Vector, len(n.Cols))}
			db.Cols[pos[0]] = dv
			var err error
			if r, err = f(db); err != nil {
				r = nil
			}
			code = func(i int) int {
				switch {
				case v.IsNull(i):
					return 2
				case v.B[i]:
					return 1
				}
				return 0
			}
		}
		if r != nil {
			pass := 0
			for k := 0; k <= d; k++ {
				if !r.IsNull(k) && r.B[k] {
					pass++
				}
			}
			if pass == 0 {
				return nil // no entry passes: no row does
			}
			if pass == d+1 {
				continue // every row passes
			}
			for i := range keep {
				k := code(i)
				if keep[i] && (r.IsNull(k) || !r.B[k]) {
					keep[i] = false
					left--
				}
			}
		} else if left < rows {
			// Only the rows still kept are evaluated.
			sel := make([]int32, 0, left)
			for i, k := range keep {
				if k {
					sel = append(sel, int32(i))
				}
			}
			sb := &vec.Batch{Len: len(sel), Cols: make([]*vec.Vector, len(n.Cols))}
			for _, p := range pos {
				sb.Cols[p] = b.Cols[p].Take(sel)
			}
			c, err := f(sb)
			if err != nil {
				return fmt.Errorf("filter over %s: %w", uri, err)
			}
			for k, i := range sel {
				if c.IsNull(k) || !c.B[k] {
					keep[i] = false
					left--
				}
			}
		} else {
			c, err := f(b)
			if err != nil {
				return fmt.Errorf("filter over %s: %w", uri, err)
			}
			for i := range keep {
				if keep[i] && (c.IsNull(i) || !c.B[i]) {
					keep[i] = false
					left--
				}
			}
		}
		if left == 0 {
			return nil // no row passes: the other columns are never read
		}
	}
	sel := make([]int32, 0, left)
	for i, k := range keep {
		if k {
			sel = append(sel, int32(i))
		}
	}
	out := &vec.Batch{Len: len(sel), Cols: make([]*vec.Vector, len(n.Cols))}
	for i := range n.Cols {
		if b.Cols[i] == nil {
			if err := read(i); err != nil {
				if errors.Is(err, pq.ErrUnsupported) {
					return o.readArrow(ctx, u, ra)
				}
				return fmt.Errorf("read %s: %w", uri, err)
			}
		}
		switch v := b.Cols[i]; {
		case len(sel) == rows:
			out.Cols[i] = v
		case v.S == nil && v.Dict != nil:
			out.Cols[i] = v.TakeCodes(sel)
		default:
			out.Cols[i] = v.Take(sel)
		}
	}
	for lo := 0; lo < out.Len; lo += batchRows {
		part := sliceBatch(out, lo, min(out.Len, lo+batchRows))
		o.rows.Add(int64(part.Len))
		select {
		case o.out <- scanResult{b: part}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// partVec is partition column name's value for rows rows of u: a slice of
// a vector shared by every batch with that value (vectors are immutable),
// dictionary-coded with one entry.
func (o *scanOp) partVec(u unit, name string, rows int) *vec.Vector {
	v := u.part.Values[name]
	o.partsMu.Lock()
	defer o.partsMu.Unlock()
	if v == "" {
		if o.nulls == nil || o.nulls.Len < rows {
			o.nulls = vec.Nulls(vec.TVarchar, max(rows, batchRows))
		}
		return o.nulls.Slice(0, rows)
	}
	c := o.parts[v]
	if c == nil || c.Len < rows {
		n := max(rows, batchRows)
		c = &vec.Vector{T: vec.TVarchar, Len: n, S: make([]string, n), Dict: &vec.Dict{N: 1, Values: []string{v}}, Codes: make([]int32, n)}
		for i := range c.S {
			c.S[i] = v
		}
		if o.parts == nil {
			o.parts = map[string]*vec.Vector{}
		}
		o.parts[v] = c
	}
	return c.Slice(0, rows)
}

// emit sends a batch of u's rows, built from its stored columns (cols, by
// name) and its partition values, after the scan's filters.
func (o *scanOp) emit(ctx context.Context, u unit, cols map[string]*vec.Vector, rows int) error {
	n := o.node
	b := &vec.Batch{Len: rows, Cols: make([]*vec.Vector, len(n.Cols))}
	for i, s := range n.Source {
		tc := n.Table.Columns[s]
		if tc.Partition {
			b.Cols[i] = o.partVec(u, tc.Name, rows)
			continue
		}
		v, ok := cols[tc.Name]
		if !ok {
			return fmt.Errorf("read %s: %w: no column %s", o.env.Lake.Store.URI(u.obj.Key), ErrSchema, tc.Name)
		}
		b.Cols[i] = v
	}
	o.env.Stats.Rows.Add(int64(rows))
	for _, f := range o.filter {
		if b.Len == 0 {
			break
		}
		c, err := f(b)
		if err != nil {
			return fmt.Errorf("filter over %s: %w", o.env.Lake.Store.URI(u.obj.Key), err)
		}
		b = filterBatch(b, c)
	}
	if b.Len == 0 {
		return nil
	}
	o.rows.Add(int64(b.Len))
	select {
	case o.out <- scanResult{b: b}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// readArrow reads a unit through arrow-go's pqarrow: the path for files
// whose encodings the lean reader does not take.
func (o *scanOp) readArrow(ctx context.Context, u unit, ra parquet.ReaderAtSeeker) error {
	n := o.node
	uri := o.env.Lake.Store.URI(u.obj.Key)
	pr, err := file.NewParquetReader(ra)
	if err != nil {
		return fmt.Errorf("open %s: %w", uri, err)
	}
	types := map[string]*vec.Type{}
	for _, s := range n.Source {
		if tc := n.Table.Columns[s]; !tc.Partition {
			types[tc.Name] = tc.T
		}
	}
	var leaves []int
	for i := 0; i < pr.MetaData().Schema.NumColumns(); i++ {
		if types[pr.MetaData().Schema.Column(i).ColumnPath()[0]] != nil {
			leaves = append(leaves, i)
		}
	}
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{BatchSize: batchRows}, memory.DefaultAllocator)
	if err != nil {
		return fmt.Errorf("open %s: %w", uri, err)
	}
	rr, err := fr.GetRecordReader(ctx, leaves, []int{u.rg})
	if err != nil {
		return fmt.Errorf("read %s: %w", uri, err)
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.RecordBatch()
		cols := map[string]*vec.Vector{}
		for i, f := range rec.Schema().Fields() {
			t := types[f.Name]
			if t == nil {
				continue
			}
			got, ok := vec.FromArrowType(f.Type)
			if !ok || !got.Equal(t) {
				return fmt.Errorf("read %s: %w: column %s is %s, not %s", uri, ErrSchema, f.Name, f.Type, t)
			}
			v, err := vec.FromArrow(rec.Column(i), t)
			if err != nil {
				return fmt.Errorf("read %s: %w", uri, err)
			}
			cols[f.Name] = v
		}
		// Vectors share the record's buffers: it stays retained until the
		// query's batches are gone (the garbage collector frees it).
		rec.Retain()
		if err := o.emit(ctx, u, cols, int(rec.NumRows())); err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read %s: %w", uri, err)
	}
	return nil
}

// truncRange reads date_trunc(unit, col) op TIMESTAMP for a timestamp
// column as the range it implies for col itself: date_trunc(u, t) = X
// means X <= t < X + u; >= X (or > X) means t >= X; <= X (or < X) means
// t < X + u.
func truncRange(e *plan.Call, id int) (colRange, bool) {
	op := e.Fn.Name
	call, k := e.Args[0], e.Args[1]
	if _, isConst := call.(*plan.Const); isConst {
		call, k = k, call
		op = map[string]string{"$lt": "$gt", "$le": "$ge", "$gt": "$lt", "$ge": "$le", "$eq": "$eq"}[op]
	}
	c, ok := call.(*plan.Call)
	kc, kok := k.(*plan.Const)
	if !ok || !kok || c.Fn.Name != "date_trunc" || len(c.Args) != 2 {
		return colRange{}, false
	}
	unit, uok := c.Args[0].(*plan.Const)
	col, cok := c.Args[1].(*plan.ColRef)
	x, xok := kc.Value.(int64)
	if !uok || !cok || !xok || col.ID != id || col.T.Kind != vec.Timestamp {
		return colRange{}, false
	}
	u, _ := unit.Value.(string)
	step := fn.TruncStep(u)
	if step == 0 {
		return colRange{}, false
	}
	r := colRange{notNull: true}
	switch op {
	case "$eq":
		r.lo, r.hi = bound{true, true, x}, bound{true, false, x + step}
	case "$ge", "$gt":
		r.lo = bound{true, true, x}
	case "$le", "$lt":
		r.hi = bound{true, false, x + step}
	default:
		return colRange{}, false
	}
	return r, true
}
