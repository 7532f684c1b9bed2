package exec

import (
	"context"
	"errors"
	"sync"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// aggregateOp is a hash aggregation: it consumes its whole input, then
// emits one row per group. With several cores and aggregates whose states
// merge, as many partial aggregations as cores consume the input side by
// side and are merged at the end.
type aggregateOp struct {
	env  *Env
	node *plan.Aggregate
	in   Operator
	// exprs holds every expression the aggregation reads, each computed
	// once per batch; the fields below are positions in its result.
	exprs   *exprSet
	groups  []int
	args    [][]int
	filters []int // -1 for none
	orders  [][]int

	out  []*vec.Batch
	done bool
}

// partial is one hash table of groups with the aggregates' states.
type partial struct {
	o       *aggregateOp
	states  []fn.State
	sorted  []*orderedRows // for aggregates with ORDER BY: their rows, kept to sort
	ids     map[string]int32
	keys    []string // each group's key, in group order (for merging)
	nullID  int32
	buf     []byte
	keyRows []*vec.Batch // the first row of each group, as group-column batches
	ngroups int
	memos   map[[memoKeys]*vec.Dict]*codeMemo // by the keys' dictionaries
}

func newAggregate(env *Env, n *plan.Aggregate, in Operator) (Operator, error) {
	o := &aggregateOp{env: env, node: n, in: in, exprs: newExprSet(env.Fn, layoutOf(n.Input.Columns()))}
	fail := func(err error) (Operator, error) {
		in.Close()
		return nil, err
	}
	for _, g := range n.Groups {
		i, err := o.exprs.addCoded(g) // read by Str and AppendKey
		if err != nil {
			return fail(err)
		}
		o.groups = append(o.groups, i)
	}
	for _, a := range n.Aggs {
		var args []int
		for _, x := range a.Args {
			add := o.exprs.add
			if a.Fn.Coded {
				add = o.exprs.addCoded
			}
			i, err := add(x)
			if err != nil {
				return fail(err)
			}
			args = append(args, i)
		}
		o.args = append(o.args, args)
		f := -1
		if a.Filter != nil {
			var err error
			if f, err = o.exprs.add(a.Filter); err != nil {
				return fail(err)
			}
		}
		o.filters = append(o.filters, f)
		var keys []int
		for _, k := range a.OrderBy {
			i, err := o.exprs.add(k.Expr)
			if err != nil {
				return fail(err)
			}
			keys = append(keys, i)
		}
		o.orders = append(o.orders, keys)
	}
	return o, nil
}

func (o *aggregateOp) newPartial() *partial {
	p := &partial{o: o, ids: map[string]int32{}, nullID: -1}
	for j, a := range o.node.Aggs {
		p.states = append(p.states, a.Fn.New())
		var or *orderedRows
		if len(o.orders[j]) > 0 {
			or = &orderedRows{}
		}
		p.sorted = append(p.sorted, or)
	}
	if len(o.groups) == 0 {
		p.ngroups = 1
	}
	return p
}

// mergeable reports whether partial states of every aggregate combine.
func (o *aggregateOp) mergeable() bool {
	for j, a := range o.node.Aggs {
		if len(o.orders[j]) > 0 {
			return false
		}
		if err := a.Fn.New().Merge(a.Fn.New(), nil, 0); err != nil {
			return false
		}
	}
	return true
}

// group assigns group ids to a batch's rows, adding new groups; vals are
// the batch's values of o.exprs.
func (p *partial) group(b *vec.Batch, vals []*vec.Vector) ([]int32, error) {
	o := p.o
	gids := make([]int32, b.Len)
	if len(o.groups) == 0 {
		return gids, nil
	}
	keys := make([]*vec.Vector, len(o.groups))
	for i, g := range o.groups {
		keys[i] = vals[g]
	}
	var fresh []int32
	var grow int64
	// lookup finds or adds the group of row i (fixed: keys encoded once
	// for the batch, or nil).
	lookup := func(i int, fixed [][]byte) int32 {
		if len(keys) == 1 && keys[0].T.Stringy() {
			k := keys[0]
			if k.IsNull(i) {
				if p.nullID < 0 {
					p.nullID = int32(p.ngroups)
					p.ngroups++
					p.keys = append(p.keys, "") // unused: the NULL group is nullID
					fresh = append(fresh, int32(i))
				}
				return p.nullID
			}
			ks := k.Str(i)
			id, ok := p.ids[ks]
			if !ok {
				id = int32(p.ngroups)
				p.ngroups++
				s := string(append([]byte(nil), ks...)) // off the scan's buffers
				p.ids[s] = id
				p.keys = append(p.keys, s)
				fresh = append(fresh, int32(i))
				grow += int64(len(s)) + 64
			}
			return id
		}
		p.buf = p.buf[:0]
		for k, v := range keys {
			if fixed != nil && fixed[k] != nil {
				p.buf = append(p.buf, fixed[k]...)
			} else {
				p.buf = v.AppendKey(p.buf, i)
			}
		}
		id, ok := p.ids[string(p.buf)]
		if !ok {
			id = int32(p.ngroups)
			p.ngroups++
			s := string(p.buf)
			p.ids[s] = id
			p.keys = append(p.keys, s)
			fresh = append(fresh, int32(i))
			grow += int64(len(p.buf)) + 64
		}
		return id
	}
	if m := p.memoFor(keys, b.Len); m != nil {
		// Every key is dictionary-coded: rows with the same codes are the
		// same group, found once per code combination.
		for i := 0; i < b.Len; i++ {
			c := 0
			for k, v := range keys {
				c += codeOf(v, i) * m.stride[k]
			}
			g := m.ids[c]
			if g < 0 {
				g = lookup(i, nil)
				m.ids[c] = g
			}
			gids[i] = g
		}
	} else {
		// Keys with one value over the batch (partition columns, mostly)
		// are encoded once; when all are, the batch is one group.
		fixed := make([][]byte, len(keys))
		all := true
		for k, v := range keys {
			if uniform(v) {
				fixed[k] = v.AppendKey(nil, 0)
			} else {
				all = false
			}
		}
		n := b.Len
		if all {
			n = 1
		}
		for i := 0; i < n; i++ {
			gids[i] = lookup(i, fixed)
		}
		if all {
			for i := range gids {
				gids[i] = gids[0]
			}
		}
	}
	if len(fresh) > 0 {
		kb := &vec.Batch{Len: len(fresh), Cols: make([]*vec.Vector, len(keys))}
		for i, k := range keys {
			kb.Cols[i] = k.Take(fresh)
			if k.T.Stringy() {
				cloneStrings(kb.Cols[i])
			}
		}
		p.keyRows = append(p.keyRows, kb)
	}
	return gids, o.env.Budget.Grow(grow)
}

func (p *partial) consume(b *vec.Batch) error {
	o := p.o
	vals, err := o.exprs.eval(b)
	if err != nil {
		return err
	}
	gids, err := p.group(b, vals)
	if err != nil {
		return err
	}
	for j, st := range p.states {
		args := make([]*vec.Vector, len(o.args[j]))
		for k, a := range o.args[j] {
			args[k] = vals[a]
		}
		g := gids
		if f := o.filters[j]; f >= 0 {
			c := vals[f]
			g = append([]int32(nil), gids...)
			for i := range g {
				if c.IsNull(i) || !c.B[i] {
					g[i] = -1
				}
			}
		}
		if or := p.sorted[j]; or != nil {
			keys := make([]*vec.Vector, len(o.orders[j]))
			for k, x := range o.orders[j] {
				keys[k] = vals[x]
			}
			or.add(append([]int32(nil), g...), args, keys)
			if err := o.env.Budget.Grow(batchBytes(&vec.Batch{Cols: append(args, keys...)})); err != nil {
				return err
			}
			continue
		}
		before := st.Size()
		if err := st.Update(g, p.ngroups, args); err != nil {
			return err
		}
		if err := o.env.Budget.Grow(st.Size() - before); err != nil {
			return err
		}
	}
	return nil
}

// merge folds q's groups and states into p.
func (p *partial) merge(q *partial) error {
	into := make([]int32, q.ngroups)
	var fresh [][2]int // (key batch, row) of q's groups new to p
	// q's group g is row r of keyRows[k]: walk them in group order.
	loc := make([][2]int, 0, q.ngroups)
	for k, kb := range q.keyRows {
		for r := 0; r < kb.Len; r++ {
			loc = append(loc, [2]int{k, r})
		}
	}
	for g, key := range q.keys {
		if int32(g) == q.nullID {
			if p.nullID < 0 {
				p.nullID = int32(p.ngroups)
				p.ngroups++
				p.keys = append(p.keys, key)
				fresh = append(fresh, loc[g])
			}
			into[g] = p.nullID
			continue
		}
		id, ok := p.ids[key]
		if !ok {
			id = int32(p.ngroups)
			p.ngroups++
			p.ids[key] = id
			p.keys = append(p.keys, key)
			fresh = append(fresh, loc[g])
		}
		into[g] = id
	}
	if len(q.o.groups) == 0 {
		into = []int32{0}
	}
	if len(fresh) > 0 {
		kb := &vec.Batch{Len: len(fresh), Cols: make([]*vec.Vector, len(p.o.groups))}
		for c := range kb.Cols {
			parts := make([]*vec.Vector, len(fresh))
			for i, f := range fresh {
				parts[i] = q.keyRows[f[0]].Cols[c].Slice(f[1], f[1]+1)
			}
			kb.Cols[c] = vec.Concat(p.o.node.Out[c].T, parts)
		}
		p.keyRows = append(p.keyRows, kb)
	}
	for j, st := range p.states {
		if err := st.Merge(q.states[j], into, p.ngroups); err != nil {
			return err
		}
	}
	return nil
}

// cloneStrings copies a vector's strings off the scan's buffers, so a
// group key does not keep a whole row group alive (nor its dictionary).
func cloneStrings(v *vec.Vector) {
	for i, s := range v.S {
		v.S[i] = string(append([]byte(nil), s...))
	}
	v.Dict, v.Codes = nil, nil
}

// codeMemo maps the code combinations of one tuple of dictionaries to
// group ids (-1: not seen yet); a combination is the sum of each key's
// code (its dictionary's length for NULL) times the key's stride.
type codeMemo struct {
	stride []int
	ids    []int32
}

// memoKeys is how many group keys the code memo takes.
const memoKeys = 4

// memoFor returns the code memo for keys when every key is dictionary-
// coded and their combinations are few enough to index, else nil.
func (p *partial) memoFor(keys []*vec.Vector, rows int) *codeMemo {
	if p.memos == nil {
		p.memos = map[[memoKeys]*vec.Dict]*codeMemo{}
	}
	return memoFor(p.memos, keys, rows)
}

// memoFor returns memos' entry for the dictionaries of keys, made when
// missing, when every key is coded (dictionary codes, or a boolean) and
// their combinations are few enough to index; else nil. It keeps at most
// 16 entries.
func memoFor(memos map[[memoKeys]*vec.Dict]*codeMemo, keys []*vec.Vector, rows int) *codeMemo {
	if len(keys) == 0 || len(keys) > memoKeys {
		return nil
	}
	var id [memoKeys]*vec.Dict // nil for a boolean
	size := 1
	for k, v := range keys {
		n := codes(v)
		if n < 0 {
			return nil
		}
		id[k] = v.Dict
		size *= n + 1
		if size > max(1<<12, 4*rows) {
			return nil
		}
	}
	if m := memos[id]; m != nil {
		return m
	}
	if len(memos) >= 16 {
		clear(memos)
	}
	m := &codeMemo{stride: make([]int, len(keys)), ids: make([]int32, size)}
	st := 1
	for k, v := range keys {
		m.stride[k] = st
		st *= codes(v) + 1
	}
	for i := range m.ids {
		m.ids[i] = -1
	}
	memos[id] = m
	return m
}

// codes returns how many codes v's values have (the NULL code is one
// more): its dictionary's, 2 for a boolean, or -1 when v is not coded.
func codes(v *vec.Vector) int {
	switch {
	case v.Dict != nil:
		return v.Dict.N
	case v.T.Kind == vec.Boolean:
		return 2
	}
	return -1
}

// codeOf returns the code of row i of a coded vector: codes(v) for NULL.
func codeOf(v *vec.Vector, i int) int {
	switch {
	case v.IsNull(i):
		return codes(v)
	case v.Dict != nil:
		return int(v.Codes[i])
	case v.B[i]:
		return 1
	}
	return 0
}

// run consumes the input into partials, in parallel when it can.
func (o *aggregateOp) run(ctx context.Context) (*partial, error) {
	workers := o.env.Parallelism
	if workers <= 1 || !o.mergeable() {
		p := o.newPartial()
		return p, Drain(ctx, o.in, p.consume)
	}
	var mu sync.Mutex
	parts := make([]*partial, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w := range parts {
		parts[w] = o.newPartial()
		wg.Add(1)
		go func(p *partial, w int) {
			defer wg.Done()
			for {
				mu.Lock()
				b, err := o.in.Next(ctx)
				mu.Unlock()
				if err == nil && b != nil {
					err = p.consume(b)
				}
				if err != nil {
					errs[w] = err
					cancel()
					return
				}
				if b == nil {
					return
				}
			}
		}(parts[w], w)
	}
	wg.Wait()
	// The worker that failed first cancelled the others: report its error,
	// not their cancellation (unless the query itself was cancelled).
	var first error
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
		if first == nil {
			first = err
		}
	}
	if first != nil {
		return nil, first
	}
	for _, q := range parts[1:] {
		if err := parts[0].merge(q); err != nil {
			return nil, err
		}
	}
	return parts[0], nil
}

func (o *aggregateOp) finish(p *partial) error {
	if p.ngroups == 0 && len(o.node.EmptySets) > 0 {
		return o.emptySets()
	}
	n := p.ngroups
	cols := make([]*vec.Vector, 0, len(o.node.Out))
	for i := range o.groups {
		parts := make([]*vec.Vector, len(p.keyRows))
		for j, kb := range p.keyRows {
			parts[j] = kb.Cols[i]
		}
		t := o.node.Out[i].T
		if len(parts) == 0 {
			cols = append(cols, vec.New(t, 0))
		} else {
			cols = append(cols, vec.Concat(t, parts))
		}
	}
	for j, st := range p.states {
		if or := p.sorted[j]; or != nil {
			if err := or.feed(st, n, o.node.Aggs[j].OrderBy); err != nil {
				return err
			}
		}
		cols = append(cols, st.Result(n))
	}
	all := &vec.Batch{Len: n, Cols: cols}
	for lo := 0; lo < n; lo += batchRows {
		o.out = append(o.out, sliceBatch(all, lo, min(n, lo+batchRows)))
	}
	return nil
}

func (o *aggregateOp) Next(ctx context.Context) (*vec.Batch, error) {
	if !o.done {
		o.done = true
		p, err := o.run(ctx)
		if err != nil {
			return nil, err
		}
		o.in.Close()
		if err := o.finish(p); err != nil {
			return nil, err
		}
	}
	if len(o.out) == 0 {
		return nil, nil
	}
	b := o.out[0]
	o.out = o.out[1:]
	return b, nil
}

func (o *aggregateOp) Close() { o.in.Close() }

// orderedRows buffers an ordered aggregate's input.
type orderedRows struct {
	gids []int32
	args [][]*vec.Vector // per batch
	keys [][]*vec.Vector
}

func (r *orderedRows) add(g []int32, args, keys []*vec.Vector) {
	r.gids = append(r.gids, g...)
	r.args = append(r.args, args)
	r.keys = append(r.keys, keys)
}

// feed passes the buffered rows to st sorted by group, then keys.
func (r *orderedRows) feed(st fn.State, ngroups int, specs []plan.SortKey) error {
	if len(r.args) == 0 {
		return st.Update(nil, ngroups, nil)
	}
	cat := func(parts [][]*vec.Vector) []*vec.Vector {
		out := make([]*vec.Vector, len(parts[0]))
		for c := range out {
			vs := make([]*vec.Vector, len(parts))
			for i, p := range parts {
				vs[i] = p[c]
			}
			out[c] = vec.Concat(vs[0].T, vs)
		}
		return out
	}
	args, keys := cat(r.args), cat(r.keys)
	idx := make([]int32, len(r.gids))
	for i := range idx {
		idx[i] = int32(i)
	}
	gv := &vec.Vector{T: vec.TBigint, Len: len(r.gids), I: make([]int64, len(r.gids))}
	for i, g := range r.gids {
		gv.I[i] = int64(g)
	}
	sortKeys(append([]*vec.Vector{gv}, keys...), append([]plan.SortKey{{}}, specs...), idx)
	g := make([]int32, len(idx))
	for i, x := range idx {
		g[i] = r.gids[x]
	}
	sorted := make([]*vec.Vector, len(args))
	for i, a := range args {
		sorted[i] = a.Take(idx)
	}
	return st.Update(g, ngroups, sorted)
}

// uniform reports whether a flat vector holds one value (or only NULLs)
// in every row; it gives up (false) at the first difference.
func uniform(v *vec.Vector) bool {
	if v.Len == 0 {
		return false
	}
	if v.Null != nil {
		for _, x := range v.Null {
			if x != v.Null[0] {
				return false
			}
		}
		if v.Null[0] {
			return true
		}
	}
	switch v.T.Kind {
	case vec.Varchar, vec.JSON:
		if v.S == nil {
			c0 := v.Codes[0]
			for _, c := range v.Codes[1:] {
				if c != c0 {
					return false
				}
			}
			return true
		}
		s0 := v.S[0]
		for _, x := range v.S[1:] {
			if x != s0 {
				return false
			}
		}
		return true
	case vec.Bigint, vec.Timestamp, vec.TimestampTZ, vec.Date, vec.IntervalDay, vec.IntervalMonth:
		x0 := v.I[0]
		for _, x := range v.I[1:] {
			if x != x0 {
				return false
			}
		}
		return true
	case vec.Boolean:
		b0 := v.B[0]
		for _, x := range v.B[1:] {
			if x != b0 {
				return false
			}
		}
		return true
	}
	return false
}

// emptySets outputs, for an empty input under grouping sets, one row per
// set with no group expressions: NULL groups, the set's number, and each
// aggregate's value over no rows.
func (o *aggregateOp) emptySets() error {
	m := len(o.node.EmptySets)
	cols := make([]*vec.Vector, 0, len(o.node.Out))
	for i := range o.groups {
		t := o.node.Out[i].T
		if i < len(o.groups)-1 {
			cols = append(cols, vec.Nulls(t, m))
			continue
		}
		cols = append(cols, &vec.Vector{T: t, Len: m, I: append([]int64(nil), o.node.EmptySets...)})
	}
	for _, a := range o.node.Aggs {
		v, err := a.Fn.Empty(m)
		if err != nil {
			return err
		}
		cols = append(cols, v)
	}
	o.out = append(o.out, &vec.Batch{Len: m, Cols: cols})
	return nil
}
