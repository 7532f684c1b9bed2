package exec

import (
	"cmp"
	"context"
	"fmt"
	"sort"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// windowOp buffers its input, sorts it by each call's partition and order
// keys, and appends one column per call.
type windowOp struct {
	env  *Env
	node *plan.Window
	in   Operator
	out  []*vec.Batch
	done bool
}

func newWindow(env *Env, n *plan.Window, in Operator) (Operator, error) {
	return &windowOp{env: env, node: n, in: in}, nil
}

func (o *windowOp) Next(ctx context.Context) (*vec.Batch, error) {
	if !o.done {
		o.done = true
		all, err := collect(ctx, o.env, o.in, o.node.Input.Columns())
		if err != nil {
			return nil, err
		}
		o.in.Close()
		l := layoutOf(o.node.Input.Columns())
		for _, f := range o.node.Funcs {
			v, err := o.compute(all, l, f)
			if err != nil {
				return nil, err
			}
			all.Cols = append(all.Cols, v)
		}
		for lo := 0; lo < all.Len; lo += batchRows {
			o.out = append(o.out, sliceBatch(all, lo, min(all.Len, lo+batchRows)))
		}
	}
	if len(o.out) == 0 {
		return nil, nil
	}
	b := o.out[0]
	o.out = o.out[1:]
	return b, nil
}

func (o *windowOp) Close() { o.in.Close() }

func (o *windowOp) eval(b *vec.Batch, l layout, es []plan.Expr) ([]*vec.Vector, error) {
	out := make([]*vec.Vector, len(es))
	for i, e := range es {
		ev, err := compile(o.env.Fn, e, l)
		if err != nil {
			return nil, err
		}
		if out[i], err = ev(b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// compute returns the call's value for every row of all, in all's order.
func (o *windowOp) compute(all *vec.Batch, l layout, f plan.WindowCall) (*vec.Vector, error) {
	n := all.Len
	parts, err := o.eval(all, l, f.PartitionBy)
	if err != nil {
		return nil, err
	}
	var orderExprs []plan.Expr
	for _, k := range f.OrderBy {
		orderExprs = append(orderExprs, k.Expr)
	}
	orders, err := o.eval(all, l, orderExprs)
	if err != nil {
		return nil, err
	}
	args, err := o.eval(all, l, f.Args)
	if err != nil {
		return nil, err
	}
	if f.Agg != nil && len(f.OrderBy) == 0 && f.Frame.Start.Unbounded && f.Frame.End.Unbounded {
		return wholePartition(f, parts, args, n)
	}
	// Sort rows by partition, then order keys.
	keys := append(append([]*vec.Vector(nil), parts...), orders...)
	specs := make([]plan.SortKey, len(parts))
	specs = append(specs, f.OrderBy...)
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	sortKeys(keys, specs, idx)
	sortedArgs := make([]*vec.Vector, len(args))
	for i, a := range args {
		sortedArgs[i] = a.Take(idx)
	}
	w := &windowOut{values: make([]any, n)}
	switch f.Name {
	case "row_number", "rank", "dense_rank", "ntile":
		w.ints = make([]int64, n)
	case "lag", "lead", "first_value", "last_value", "nth_value":
		w.pick = make([]int32, n)
		w.dflt = make([]bool, n)
	default:
		if f.Agg != nil {
			w.aggPick = make([]int32, n)
		}
	}
	equalBy := func(vs []*vec.Vector) func(a, b int) bool {
		cmps := make([]func(i, j int) int, len(vs))
		for k, v := range vs {
			cmps[k] = keyComparer(v, plan.SortKey{})
		}
		return func(a, b int) bool {
			for _, c := range cmps {
				if c(int(idx[a]), int(idx[b])) != 0 {
					return false
				}
			}
			return true
		}
	}
	samePart, peers := equalBy(parts), equalBy(orders)
	var sortedKey *vec.Vector // the ORDER BY key by sorted position, for RANGE offsets
	if f.Frame.Start.Value || f.Frame.End.Value {
		sortedKey = orders[0].Take(idx)
	}
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && samePart(lo, hi) {
			hi++
		}
		if err := o.partition(f, sortedArgs, lo, hi, peers, sortedKey, w); err != nil {
			return nil, err
		}
		lo = hi
	}
	// Build the values in sorted order, then put them back in input order.
	var sorted *vec.Vector
	switch {
	case w.aggPick != nil:
		if len(w.aggParts) == 0 {
			sorted = vec.New(f.T, 0)
		} else {
			sorted = vec.Concat(f.T, w.aggParts).Take(w.aggPick)
		}
	case w.ints != nil:
		sorted = &vec.Vector{T: vec.TBigint, Len: n, I: w.ints}
	case w.pick != nil:
		sorted = sortedArgs[0].Take(w.pick)
		if len(sortedArgs) > 2 {
			var rows, from []int32
			for pos, d := range w.dflt {
				if d {
					rows, from = append(rows, int32(pos)), append(from, int32(pos))
				}
			}
			if len(rows) > 0 {
				d := sortedArgs[2].Take(from)
				all := vec.Concat(f.T, []*vec.Vector{sorted, d})
				take := make([]int32, n)
				for i := range take {
					take[i] = int32(i)
				}
				for k, r := range rows {
					take[r] = int32(n + k)
				}
				sorted = all.Take(take)
			}
		}
	default:
		b := vec.NewBuilder(f.T)
		for _, x := range w.values {
			if err := b.Append(x); err != nil {
				return nil, err
			}
		}
		if sorted = b.Vector(); sorted.Len != n {
			sorted = vec.Nulls(f.T, n)
		}
	}
	inv := make([]int32, n)
	for pos, row := range idx {
		inv[row] = int32(pos)
	}
	return sorted.Take(inv), nil
}

// windowOut collects a call's values by sorted position: ranks as ints,
// value functions as positions to take (pick, -1 for NULL; dflt for the
// default argument), others boxed.
type windowOut struct {
	ints   []int64
	pick   []int32
	dflt   []bool
	values []any
	// Aggregates: one-value results (per partition, peer group or row)
	// and, per sorted position, which of them is the row's.
	aggParts []*vec.Vector
	aggPick  []int32
}

// agg records an aggregate's value for sorted positions [lo, hi).
func (w *windowOut) agg(v *vec.Vector, lo, hi int) {
	k := int32(len(w.aggParts))
	w.aggParts = append(w.aggParts, v)
	for i := lo; i < hi; i++ {
		w.aggPick[i] = k
	}
}

// partition fills values[lo:hi] for one partition (sorted positions).
func (o *windowOp) partition(f plan.WindowCall, args []*vec.Vector, lo, hi int, peers func(a, b int) bool, key *vec.Vector, w *windowOut) error {
	values := w.values
	if f.Name == "row_number" {
		for i := lo; i < hi; i++ {
			w.ints[i] = int64(i - lo + 1)
		}
		return nil
	}
	if f.Name == "ntile" {
		// Buckets as even as can be, the first size%buckets one row larger.
		if args[0].IsNull(lo) || args[0].I[lo] <= 0 {
			return fmt.Errorf("%w: ntile needs a positive number of buckets", fn.ErrValue)
		}
		size, buckets := int64(hi-lo), args[0].I[lo]
		if buckets > size {
			buckets = size
		}
		q, r := size/buckets, size%buckets
		for i := int64(0); i < size; i++ {
			if i < r*(q+1) {
				w.ints[lo+int(i)] = i/(q+1) + 1
			} else {
				w.ints[lo+int(i)] = (i-r*(q+1))/q + r + 1
			}
		}
		return nil
	}
	// peerEnd[i] is one past the last peer of position i.
	peerEnd := make([]int, hi-lo)
	for i := hi - 1; i >= lo; i-- {
		if i+1 < hi && peers(i, i+1) {
			peerEnd[i-lo] = peerEnd[i+1-lo]
		} else {
			peerEnd[i-lo] = i + 1
		}
	}
	switch f.Name {
	case "rank", "dense_rank", "percent_rank", "cume_dist":
		rank, dense := int64(1), int64(1)
		size := hi - lo
		for i := lo; i < hi; i++ {
			if i > lo && !peers(i-1, i) {
				rank = int64(i - lo + 1)
				dense++
			}
			switch f.Name {
			case "rank":
				w.ints[i] = rank
			case "dense_rank":
				w.ints[i] = dense
			case "percent_rank":
				if size == 1 {
					values[i] = 0.0
				} else {
					values[i] = float64(rank-1) / float64(size-1)
				}
			case "cume_dist":
				values[i] = float64(peerEnd[i-lo]-lo) / float64(size)
			}
		}
		return nil
	}
	// With IGNORE NULLS, nn holds the partition's positions whose value is
	// not NULL, and the functions count in it instead of in rows.
	var nn []int
	if f.IgnoreNulls {
		for i := lo; i < hi; i++ {
			if !args[0].IsNull(i) {
				nn = append(nn, i)
			}
		}
	}
	switch f.Name {
	case "lag", "lead":
		k := int64(1)
		if len(f.Args) > 1 {
			k = f.Args[1].(*plan.Const).Value.(int64)
		}
		for i := lo; i < hi; i++ {
			j := i - int(k)
			if f.Name == "lead" {
				j = i + int(k)
			}
			if f.IgnoreNulls {
				// before: the non-NULL positions before i; after: from i+1.
				before, after := sort.SearchInts(nn, i), sort.SearchInts(nn, i+1)
				j = -1
				if f.Name == "lag" && before-int(k) >= 0 && k > 0 {
					j = nn[before-int(k)]
				} else if f.Name == "lead" && k > 0 && after+int(k)-1 < len(nn) {
					j = nn[after+int(k)-1]
				} else if k == 0 {
					j = i
				}
			}
			switch {
			case j >= lo && j < hi:
				w.pick[i] = int32(j)
			case len(args) > 2:
				w.pick[i], w.dflt[i] = -1, true
			default:
				w.pick[i] = -1
			}
		}
		return nil
	}
	// Value and aggregate functions over frames.
	var byValue func(i int, b plan.FrameBound, end bool) int
	if key != nil {
		byValue = rangeBound(key, f.OrderBy[0].Desc, lo, hi, peers, peerEnd)
	}
	frame := func(i int) (int, int) { // [s, e) in sorted positions
		s, e := lo, hi
		if f.Frame.Start.Value {
			s = byValue(i, f.Frame.Start, false)
		} else if !f.Frame.Start.Unbounded {
			if f.Frame.Rows {
				s = i + int(f.Frame.Start.Offset)
			} else { // RANGE CURRENT ROW: from the first peer
				s = i
				for s > lo && peers(s-1, i) {
					s--
				}
			}
		}
		if f.Frame.End.Value {
			e = byValue(i, f.Frame.End, true)
		} else if !f.Frame.End.Unbounded {
			if f.Frame.Rows {
				e = i + int(f.Frame.End.Offset) + 1
			} else {
				e = peerEnd[i-lo]
			}
		}
		return max(s, lo), min(e, hi)
	}
	switch f.Name {
	case "first_value", "last_value", "nth_value":
		for i := lo; i < hi; i++ {
			s, e := frame(i)
			pos := -1
			switch {
			case f.IgnoreNulls:
				// The first, last or nth non-NULL position in [s, e).
				p, q := sort.SearchInts(nn, s), sort.SearchInts(nn, e)
				switch f.Name {
				case "last_value":
					p = q - 1
				case "nth_value":
					p += int(f.Args[1].(*plan.Const).Value.(int64)) - 1
				}
				if p >= 0 && p < q {
					pos = nn[p]
				}
			case f.Name == "first_value":
				pos = s
			case f.Name == "last_value":
				pos = e - 1
			default:
				pos = s + int(f.Args[1].(*plan.Const).Value.(int64)) - 1
			}
			if pos >= s && pos < e {
				w.pick[i] = int32(pos)
			} else {
				w.pick[i] = -1
			}
		}
		return nil
	}
	if f.Agg == nil {
		return nil
	}
	// Running frames (start unbounded, end at the current row or peer)
	// fold incrementally; other frames are folded per row.
	running := f.Frame.Start.Unbounded && !f.Frame.End.Unbounded && (!f.Frame.Rows || f.Frame.End.Offset == 0)
	if f.Frame.Start.Unbounded && f.Frame.End.Unbounded {
		st := f.Agg.New()
		if err := fold(st, args, lo, hi); err != nil {
			return err
		}
		w.agg(st.Result(1), lo, hi)
		return nil
	}
	if running {
		st := f.Agg.New()
		done := lo
		for i := lo; i < hi; {
			_, e := frame(i)
			if err := fold(st, args, done, e); err != nil {
				return err
			}
			done = e
			// Rows with the same frame end share the value; Result's
			// vector may alias the state, so it is copied.
			v := st.Result(1).Take([]int32{0})
			j := i
			for j < hi {
				if _, e2 := frame(j); e2 != e {
					break
				}
				j++
			}
			w.agg(v, i, j)
			i = j
		}
		return nil
	}
	for i := lo; i < hi; i++ {
		s, e := frame(i)
		st := f.Agg.New()
		if e > s {
			if err := fold(st, args, s, e); err != nil {
				return err
			}
		}
		w.agg(st.Result(1), i, i+1)
	}
	return nil
}

// fold adds sorted positions [s, e) to a one-group state.
func fold(st interface {
	Update([]int32, int, []*vec.Vector) error
}, args []*vec.Vector, s, e int) error {
	e = max(e, s) // an empty frame: no row, but the arguments' types
	sub := make([]*vec.Vector, len(args))
	for i, a := range args {
		sub[i] = a.Slice(s, e)
	}
	return st.Update(make([]int32, e-s), 1, sub)
}

// wholePartition computes an aggregate over each whole partition (OVER
// (PARTITION BY ...) without ORDER BY) by hashing rows into partitions:
// no sort is needed.
func wholePartition(f plan.WindowCall, parts, args []*vec.Vector, n int) (*vec.Vector, error) {
	gids := make([]int32, n)
	ids := map[string]int32{}
	var buf []byte
	for i := 0; i < n; i++ {
		buf = buf[:0]
		for _, p := range parts {
			buf = p.AppendKey(buf, i)
		}
		id, ok := ids[string(buf)]
		if !ok {
			id = int32(len(ids))
			ids[string(buf)] = id
		}
		gids[i] = id
	}
	if len(parts) == 0 && n > 0 {
		ids[""] = 0
	}
	st := f.Agg.New()
	if err := st.Update(gids, len(ids), args); err != nil {
		return nil, err
	}
	return st.Result(len(ids)).Take(gids), nil
}

// rangeBound returns, for a RANGE frame with offsets, where bound b of
// sorted position i's frame lies in partition [lo, hi) ordered by key: the
// first position at or after the bound value (a start) or the first past
// it (an end, end set). A row whose key is NULL has its peers (the other
// NULLs) as its frame.
func rangeBound(key *vec.Vector, desc bool, lo, hi int, peers func(a, b int) bool, peerEnd []int) func(i int, b plan.FrameBound, end bool) int {
	// The non-NULL keys are one run of the partition: NULLs sort first or
	// last.
	nnLo, nnHi := lo, hi
	for nnLo < hi && key.IsNull(nnLo) {
		nnLo++
	}
	for nnHi > nnLo && key.IsNull(nnHi-1) {
		nnHi--
	}
	isF := key.T.Kind == vec.Double
	return func(i int, b plan.FrameBound, end bool) int {
		if key.IsNull(i) {
			if end {
				return peerEnd[i-lo]
			}
			s := i
			for s > lo && peers(s-1, i) {
				s--
			}
			return s
		}
		// order(j) orders position j's key against the bound's value t.
		var order func(j int) int
		if isF {
			t := key.F[i] + b.FOffset
			if desc {
				t = key.F[i] - b.FOffset
			}
			order = func(j int) int { return cmp.Compare(key.F[j], t) }
		} else {
			t := key.I[i] + b.Offset
			if desc {
				t = key.I[i] - b.Offset
			}
			order = func(j int) int { return cmp.Compare(key.I[j], t) }
		}
		// after(j): position j lies past the bound in sort order (for a
		// start: not before it; for an end: after it).
		after := func(j int) bool {
			c := order(j)
			if desc {
				c = -c
			}
			if end {
				return c > 0
			}
			return c >= 0
		}
		return nnLo + sort.Search(nnHi-nnLo, func(k int) bool { return after(nnLo + k) })
	}
}
