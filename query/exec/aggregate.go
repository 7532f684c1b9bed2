package exec

import (
	"context"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// aggregateOp is a hash aggregation: it consumes its whole input, then
// emits one row per group.
type aggregateOp struct {
	env     *Env
	node    *plan.Aggregate
	in      Operator
	groups  []evaluator
	args    [][]evaluator
	filters []evaluator
	orders  [][]evaluator
	states  []fn.State
	// sorted holds, for aggregates with ORDER BY, the rows they will see
	// once the input is complete: group ids, arguments and sort keys.
	sorted []*orderedRows

	// Group keys: key bytes → group number, or, for one text key, the
	// text itself.
	ids     map[string]int32
	nullID  int32
	buf     []byte
	keyRows []*vec.Batch // the first row of each group, as group-column batches
	ngroups int

	out  []*vec.Batch
	done bool
}

func newAggregate(env *Env, n *plan.Aggregate, in Operator) (Operator, error) {
	l := layoutOf(n.Input.Columns())
	o := &aggregateOp{env: env, node: n, in: in, ids: map[string]int32{}, nullID: -1}
	for _, g := range n.Groups {
		ev, err := compile(env.Fn, g, l)
		if err != nil {
			in.Close()
			return nil, err
		}
		o.groups = append(o.groups, ev)
	}
	for _, a := range n.Aggs {
		var evs []evaluator
		for _, x := range a.Args {
			ev, err := compile(env.Fn, x, l)
			if err != nil {
				in.Close()
				return nil, err
			}
			evs = append(evs, ev)
		}
		o.args = append(o.args, evs)
		var f evaluator
		if a.Filter != nil {
			var err error
			if f, err = compile(env.Fn, a.Filter, l); err != nil {
				in.Close()
				return nil, err
			}
		}
		o.filters = append(o.filters, f)
		o.states = append(o.states, a.Fn.New())
		var keys []evaluator
		for _, k := range a.OrderBy {
			ev, err := compile(env.Fn, k.Expr, l)
			if err != nil {
				in.Close()
				return nil, err
			}
			keys = append(keys, ev)
		}
		o.orders = append(o.orders, keys)
		var or *orderedRows
		if len(keys) > 0 {
			or = &orderedRows{}
		}
		o.sorted = append(o.sorted, or)
	}
	return o, nil
}

func (o *aggregateOp) consume(b *vec.Batch) error {
	gids := make([]int32, b.Len)
	if len(o.groups) == 0 {
		o.ngroups = 1
	} else {
		keys := make([]*vec.Vector, len(o.groups))
		for i, g := range o.groups {
			v, err := g(b)
			if err != nil {
				return err
			}
			keys[i] = v
		}
		var fresh []int32
		var grow int64
		if len(keys) == 1 && keys[0].T.Stringy() {
			k := keys[0]
			for i := 0; i < b.Len; i++ {
				if k.IsNull(i) {
					if o.nullID < 0 {
						o.nullID = int32(o.ngroups)
						o.ngroups++
						fresh = append(fresh, int32(i))
					}
					gids[i] = o.nullID
					continue
				}
				id, ok := o.ids[k.S[i]]
				if !ok {
					id = int32(o.ngroups)
					o.ngroups++
					o.ids[k.S[i]] = id
					fresh = append(fresh, int32(i))
					grow += int64(len(k.S[i])) + 64
				}
				gids[i] = id
			}
		} else {
			for i := 0; i < b.Len; i++ {
				o.buf = o.buf[:0]
				for _, k := range keys {
					o.buf = k.AppendKey(o.buf, i)
				}
				id, ok := o.ids[string(o.buf)]
				if !ok {
					id = int32(o.ngroups)
					o.ngroups++
					o.ids[string(o.buf)] = id
					fresh = append(fresh, int32(i))
					grow += int64(len(o.buf)) + 64
				}
				gids[i] = id
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
			o.keyRows = append(o.keyRows, kb)
		}
		if err := o.env.Budget.Grow(grow); err != nil {
			return err
		}
	}
	for j, st := range o.states {
		args := make([]*vec.Vector, len(o.args[j]))
		for k, a := range o.args[j] {
			v, err := a(b)
			if err != nil {
				return err
			}
			args[k] = v
		}
		g := gids
		if f := o.filters[j]; f != nil {
			c, err := f(b)
			if err != nil {
				return err
			}
			g = append([]int32(nil), gids...)
			for i := range g {
				if c.IsNull(i) || !c.B[i] {
					g[i] = -1
				}
			}
		}
		if or := o.sorted[j]; or != nil {
			keys := make([]*vec.Vector, len(o.orders[j]))
			for k, ev := range o.orders[j] {
				v, err := ev(b)
				if err != nil {
					return err
				}
				keys[k] = v
			}
			or.add(append([]int32(nil), g...), args, keys)
			if err := o.env.Budget.Grow(batchBytes(&vec.Batch{Cols: append(args, keys...)})); err != nil {
				return err
			}
			continue
		}
		before := st.Size()
		if err := st.Update(g, o.ngroups, args); err != nil {
			return err
		}
		if err := o.env.Budget.Grow(st.Size() - before); err != nil {
			return err
		}
	}
	return nil
}

// cloneStrings copies a vector's strings off the scan's buffers, so a
// group key does not keep a whole row group alive.
func cloneStrings(v *vec.Vector) {
	for i, s := range v.S {
		v.S[i] = string(append([]byte(nil), s...))
	}
}

func (o *aggregateOp) finish() error {
	n := o.ngroups
	if len(o.groups) == 0 {
		n = 1
	}
	cols := make([]*vec.Vector, 0, len(o.node.Out))
	for i := range o.groups {
		parts := make([]*vec.Vector, len(o.keyRows))
		for j, kb := range o.keyRows {
			parts[j] = kb.Cols[i]
		}
		t := o.node.Out[i].T
		if len(parts) == 0 {
			cols = append(cols, vec.New(t, 0))
		} else {
			cols = append(cols, vec.Concat(t, parts))
		}
	}
	for j, st := range o.states {
		if or := o.sorted[j]; or != nil {
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

func (o *aggregateOp) Next(ctx context.Context) (*vec.Batch, error) {
	if !o.done {
		if err := Drain(ctx, o.in, o.consume); err != nil {
			return nil, err
		}
		o.in.Close()
		o.done = true
		if err := o.finish(); err != nil {
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
