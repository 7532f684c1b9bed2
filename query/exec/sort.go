package exec

import (
	"cmp"
	"context"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// sortOp buffers its input and emits it ordered by the keys. Rows with
// equal keys keep their input order.
type sortOp struct {
	env  *Env
	node *plan.Sort
	in   Operator
	keys []evaluator
	out  []*vec.Batch
	done bool
	top  *topBound // told the kept rows' bound, or nil
}

func newSort(env *Env, n *plan.Sort, in Operator) (Operator, error) {
	l := layoutOf(n.Input.Columns())
	o := &sortOp{env: env, node: n, in: in}
	for _, k := range n.Keys {
		ev, err := compile(env.Fn, k.Expr, l)
		if err != nil {
			in.Close()
			return nil, err
		}
		o.keys = append(o.keys, ev)
	}
	return o, nil
}

// collect reads an operator whole into one batch of the given columns,
// accounting for it in the budget.
func collect(ctx context.Context, env *Env, in Operator, cols []plan.Column) (*vec.Batch, error) {
	var parts []*vec.Batch
	n := 0
	err := Drain(ctx, in, func(b *vec.Batch) error {
		parts = append(parts, b)
		n += b.Len
		return env.Budget.Grow(batchBytes(b))
	})
	if err != nil {
		return nil, err
	}
	return concatBatches(cols, parts, n), nil
}

func concatBatches(cols []plan.Column, parts []*vec.Batch, n int) *vec.Batch {
	out := &vec.Batch{Len: n, Cols: make([]*vec.Vector, len(cols))}
	for i, c := range cols {
		vs := make([]*vec.Vector, 0, len(parts))
		for _, p := range parts {
			vs = append(vs, p.Cols[i])
		}
		if len(vs) == 0 {
			out.Cols[i] = vec.New(c.T, 0)
		} else {
			out.Cols[i] = vec.Concat(c.T, vs)
		}
	}
	return out
}

// sortKeys orders row indexes by the key vectors, stably; idx must hold
// increasing row numbers (rows in input order).
func sortKeys(keys []*vec.Vector, specs []plan.SortKey, idx []int32) {
	cmps := make([]func(i, j int) int, len(keys))
	for k, v := range keys {
		cmps[k] = keyComparer(v, specs[k])
	}
	// Ties fall back to the row number, which makes pdqsort stable (idx
	// comes in row order) at O(n log n), where a merge-based stable sort
	// is O(n log² n).
	full := func(a, b int32) int {
		for _, c := range cmps {
			if r := c(int(a), int(b)); r != 0 {
				return r
			}
		}
		return cmp.Compare(a, b)
	}
	if len(idx) >= radixMin && len(keys) > 0 {
		if radixSort(keys[0], specs[0], idx, full) {
			return
		}
	}
	slices.SortFunc(idx, full)
}

// radixMin is the row count from which sortKeys sorts by radix first.
const radixMin = 4096

// radixSort orders idx (in row order) by a 64-bit normal form of the first
// key, stably, by least-significant-digit radix sort, then sorts each run
// of equal normal forms with full (all keys, then the row number). The
// normal form is exact for integers and an 8-byte prefix for text, whose
// ties full settles. NULLs go first or last as the key says. It reports
// false, doing nothing, for other key types.
func radixSort(v *vec.Vector, spec plan.SortKey, idx []int32, full func(a, b int32) int) bool {
	var norm func(i int32) uint64
	switch v.T.Kind {
	case vec.Varchar, vec.JSON:
		s := v.S
		norm = func(i int32) uint64 {
			var b [8]byte
			copy(b[:], s[i])
			return binary.BigEndian.Uint64(b[:])
		}
	case vec.Bigint, vec.Timestamp, vec.TimestampTZ, vec.Date, vec.IntervalDay, vec.IntervalMonth:
		x := v.I
		norm = func(i int32) uint64 { return uint64(x[i]) ^ 1<<63 }
	default:
		return false
	}
	vals := make([]int32, 0, len(idx))
	var nulls []int32
	for _, i := range idx {
		if v.IsNull(int(i)) {
			nulls = append(nulls, i)
		} else {
			vals = append(vals, i)
		}
	}
	keys := make([]uint64, len(vals))
	for k, i := range vals {
		keys[k] = norm(i)
		if spec.Desc {
			keys[k] = ^keys[k]
		}
	}
	// Eight passes of one byte each, skipping bytes every key shares.
	tk, ti := make([]uint64, len(vals)), make([]int32, len(vals))
	for shift := uint(0); shift < 64 && len(keys) > 0; shift += 8 {
		var count [256]int
		for _, k := range keys {
			count[byte(k>>shift)]++
		}
		if count[byte(keys[0]>>shift)] == len(keys) {
			continue
		}
		pos := 0
		for d := range count {
			c := count[d]
			count[d] = pos
			pos += c
		}
		for k, key := range keys {
			d := byte(key >> shift)
			tk[count[d]], ti[count[d]] = key, vals[k]
			count[d]++
		}
		keys, tk = tk, keys
		vals, ti = ti, vals
	}
	for lo := 0; lo < len(vals); {
		hi := lo + 1
		for hi < len(vals) && keys[hi] == keys[lo] {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(vals[lo:hi], full)
		}
		lo = hi
	}
	if len(nulls) > 1 {
		slices.SortFunc(nulls, full)
	}
	if spec.NullsFirst {
		copy(idx, nulls)
		copy(idx[len(nulls):], vals)
	} else {
		copy(idx, vals)
		copy(idx[len(vals):], nulls)
	}
	return true
}

// keyComparer compares two rows of one sort key, NULL placement and
// direction included, with a fast path per storage type.
func keyComparer(v *vec.Vector, spec plan.SortKey) func(i, j int) int {
	sign := 1
	if spec.Desc {
		sign = -1
	}
	nullSide := 1 // NULLs after values
	if spec.NullsFirst {
		nullSide = -1
	}
	var values func(i, j int) int
	switch v.T.Kind {
	case vec.Varchar, vec.JSON:
		// Compare 8-byte big-endian prefixes first (a flat array, kind to
		// the cache), the whole strings only on equal prefixes.
		s := v.S
		pre := make([]uint64, len(s))
		for i, x := range s {
			var b [8]byte
			copy(b[:], x)
			pre[i] = binary.BigEndian.Uint64(b[:])
		}
		values = func(i, j int) int {
			if c := cmp.Compare(pre[i], pre[j]); c != 0 {
				return c
			}
			return strings.Compare(s[i], s[j])
		}
	case vec.Bigint, vec.Timestamp, vec.TimestampTZ, vec.Date, vec.IntervalDay, vec.IntervalMonth:
		x := v.I
		values = func(i, j int) int { return cmp.Compare(x[i], x[j]) }
	case vec.Double:
		x := v.F
		values = func(i, j int) int { return cmp.Compare(x[i], x[j]) }
	default:
		values = func(i, j int) int { return vec.Compare(v, i, v, j) }
	}
	if v.Null == nil {
		return func(i, j int) int { return sign * values(i, j) }
	}
	null := v.Null
	return func(i, j int) int {
		switch in, jn := null[i], null[j]; {
		case in && jn:
			return 0
		case in:
			return nullSide
		case jn:
			return -nullSide
		}
		return sign * values(i, j)
	}
}

// sorted orders a batch by the keys, keeping only the first limit rows
// when limit >= 0.
func (o *sortOp) sorted(all *vec.Batch, limit int64) (*vec.Batch, []int32, error) {
	keys := make([]*vec.Vector, len(o.keys))
	for i, k := range o.keys {
		var err error
		if keys[i], err = k(all); err != nil {
			return nil, nil, err
		}
	}
	idx := make([]int32, all.Len)
	for i := range idx {
		idx[i] = int32(i)
	}
	sortKeys(keys, o.node.Keys, idx)
	if limit >= 0 && int64(len(idx)) > limit {
		idx = idx[:limit]
	}
	return all, idx, nil
}

// topN keeps the first limit rows of the input in order, holding at most
// a few times limit rows at once.
func (o *sortOp) topN(ctx context.Context, limit int64) (*vec.Batch, error) {
	cols := o.node.Input.Columns()
	var parts []*vec.Batch
	n := 0
	flush := func() error {
		all := concatBatches(cols, parts, n)
		all, idx, err := o.first(all, limit)
		if err != nil {
			return err
		}
		kept := takeBatch(all, idx)
		parts, n = []*vec.Batch{kept}, kept.Len
		return nil
	}
	threshold := int(max(4*limit, batchRows))
	// Once limit rows are kept, a row whose first key sorts after the
	// last kept row's cannot enter: such rows are dropped on arrival.
	var bound *vec.Vector // the last kept row's first key, or nil
	err := Drain(ctx, o.in, func(b *vec.Batch) error {
		if bound != nil {
			k, err := o.keys[0](b)
			if err != nil {
				return err
			}
			var sel []int32
			for i := 0; i < b.Len; i++ {
				if keyOrder(k, i, bound, o.node.Keys[0]) <= 0 {
					sel = append(sel, int32(i))
				}
			}
			if len(sel) == 0 {
				return nil
			}
			if len(sel) < b.Len {
				b = takeBatch(b, sel)
			}
		}
		parts = append(parts, b)
		n += b.Len
		if n > threshold {
			if err := flush(); err != nil {
				return err
			}
			if limit > 0 && int64(n) >= limit { // more with ties
				k, err := o.keys[0](parts[0])
				if err != nil {
					return err
				}
				bound = k.Slice(n-1, n)
				o.top.update(k)
			}
			// Many ties keep many rows: flush in proportion to them.
			threshold = max(threshold, 2*n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return parts[0], o.env.Budget.Grow(batchBytes(parts[0]))
}

func (o *sortOp) Next(ctx context.Context) (*vec.Batch, error) {
	if !o.done {
		o.done = true
		var all *vec.Batch
		var err error
		if o.node.Limit >= 0 {
			all, err = o.topN(ctx, o.node.Limit)
		} else {
			all, err = collect(ctx, o.env, o.in, o.node.Input.Columns())
		}
		if err != nil {
			return nil, err
		}
		o.in.Close()
		all, idx, err := o.first(all, o.node.Limit)
		if err != nil {
			return nil, err
		}
		for lo := 0; lo < len(idx); lo += batchRows {
			o.out = append(o.out, takeBatch(all, idx[lo:min(len(idx), lo+batchRows)]))
		}
	}
	if len(o.out) == 0 {
		return nil, nil
	}
	b := o.out[0]
	o.out = o.out[1:]
	return b, nil
}

func (o *sortOp) Close() { o.in.Close() }

// keyOrder orders row i of v against row 0 of bound as the sort key spec
// does (direction and NULL placement).
func keyOrder(v *vec.Vector, i int, bound *vec.Vector, spec plan.SortKey) int {
	vn, bn := v.IsNull(i), bound.IsNull(0)
	switch {
	case vn && bn:
		return 0
	case vn || bn:
		if vn == spec.NullsFirst {
			return -1
		}
		return 1
	}
	c := vec.Compare(v, i, bound, 0)
	if spec.Desc {
		return -c
	}
	return c
}

// first is sorted, and with Ties (FETCH FIRST ... WITH TIES) it also keeps
// the rows after the first limit that sort equal to the last of them.
func (o *sortOp) first(all *vec.Batch, limit int64) (*vec.Batch, []int32, error) {
	if !o.node.Ties || limit < 0 {
		return o.sorted(all, limit)
	}
	all, idx, err := o.sorted(all, -1)
	if err != nil || int64(len(idx)) <= limit {
		return all, idx, err
	}
	if limit == 0 {
		return all, idx[:0], nil
	}
	cmps := make([]func(i, j int) int, len(o.keys))
	for i, k := range o.keys {
		v, err := k(all)
		if err != nil {
			return nil, nil, err
		}
		cmps[i] = keyComparer(v, o.node.Keys[i])
	}
	last := int(idx[limit-1])
	end := int(limit)
	for ; end < len(idx); end++ {
		same := true
		for _, c := range cmps {
			if c(last, int(idx[end])) != 0 {
				same = false
				break
			}
		}
		if !same {
			break
		}
	}
	return all, idx[:end], nil
}
