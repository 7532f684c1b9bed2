package exec

import (
	"context"

	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// valuesOp emits constant rows.
type valuesOp struct {
	b    *vec.Batch
	done bool
}

func newValues(env *Env, n *plan.Values) (Operator, error) {
	b := &vec.Batch{Len: len(n.Rows), Cols: make([]*vec.Vector, len(n.Out))}
	one := &vec.Batch{Len: 1}
	for j, c := range n.Out {
		parts := make([]*vec.Vector, len(n.Rows))
		for i, r := range n.Rows {
			ev, err := compile(env.Fn, r[j], nil)
			if err != nil {
				return nil, err
			}
			v, err := ev(one)
			if err != nil {
				return nil, err
			}
			parts[i] = v
		}
		if len(parts) == 0 {
			b.Cols[j] = vec.New(c.T, 0)
		} else {
			b.Cols[j] = vec.Concat(c.T, parts)
		}
	}
	return &valuesOp{b: b}, nil
}

func (o *valuesOp) Next(context.Context) (*vec.Batch, error) {
	if o.done || o.b.Len == 0 {
		return nil, nil
	}
	o.done = true
	return o.b, nil
}
func (o *valuesOp) Close() {}

type filterOp struct {
	in   Operator
	cond evaluator
}

func newFilter(env *Env, n *plan.Filter, in Operator) (Operator, error) {
	c, err := compile(env.Fn, n.Cond, layoutOf(n.Input.Columns()))
	if err != nil {
		in.Close()
		return nil, err
	}
	return &filterOp{in: in, cond: c}, nil
}

func (o *filterOp) Next(ctx context.Context) (*vec.Batch, error) {
	for {
		b, err := o.in.Next(ctx)
		if b == nil || err != nil {
			return nil, err
		}
		c, err := o.cond(b)
		if err != nil {
			return nil, err
		}
		if out := filterBatch(b, c); out.Len > 0 {
			return out, nil
		}
	}
}
func (o *filterOp) Close() { o.in.Close() }

type projectOp struct {
	in    Operator
	exprs []evaluator
}

func newProject(env *Env, n *plan.Project, in Operator) (Operator, error) {
	l := layoutOf(n.Input.Columns())
	o := &projectOp{in: in}
	for _, e := range n.Exprs {
		// A column passed on keeps its codes: its consumers read it
		// through their own evaluators or vec's functions.
		ev, err := compileCoded(env.Fn, e, l)
		if err != nil {
			in.Close()
			return nil, err
		}
		o.exprs = append(o.exprs, ev)
	}
	return o, nil
}

func (o *projectOp) Next(ctx context.Context) (*vec.Batch, error) {
	b, err := o.in.Next(ctx)
	if b == nil || err != nil {
		return nil, err
	}
	return project(b, o.exprs)
}

func project(b *vec.Batch, exprs []evaluator) (*vec.Batch, error) {
	out := &vec.Batch{Len: b.Len, Cols: make([]*vec.Vector, len(exprs))}
	for i, e := range exprs {
		v, err := e(b)
		if err != nil {
			return nil, err
		}
		out.Cols[i] = v
	}
	return out, nil
}
func (o *projectOp) Close() { o.in.Close() }

type limitOp struct {
	in            Operator
	offset, count int64
	seen          int64 // rows passed or skipped
	done          bool
}

func (o *limitOp) Next(ctx context.Context) (*vec.Batch, error) {
	for !o.done {
		if o.count >= 0 && o.seen >= o.offset+o.count {
			o.done = true
			o.in.Close() // stop the scan early
			return nil, nil
		}
		b, err := o.in.Next(ctx)
		if b == nil || err != nil {
			return nil, err
		}
		lo, hi := int64(0), int64(b.Len)
		if o.seen < o.offset {
			lo = min(o.offset-o.seen, hi)
		}
		if o.count >= 0 && o.seen+hi > o.offset+o.count {
			hi = o.offset + o.count - o.seen
		}
		o.seen += int64(b.Len)
		if lo >= hi {
			continue
		}
		return sliceBatch(b, int(lo), int(hi)), nil
	}
	return nil, nil
}
func (o *limitOp) Close() { o.in.Close() }

func sliceBatch(b *vec.Batch, lo, hi int) *vec.Batch {
	if lo == 0 && hi == b.Len {
		return b
	}
	out := &vec.Batch{Len: hi - lo, Cols: make([]*vec.Vector, len(b.Cols))}
	for i, c := range b.Cols {
		out.Cols[i] = c.Slice(lo, hi)
	}
	return out
}

type distinctOp struct {
	in   Operator
	env  *Env
	seen map[string]struct{}
	buf  []byte
	// done marks, per tuple of the columns' dictionaries, the code
	// combinations already looked up (see codeMemo).
	done map[[memoKeys]*vec.Dict]*codeMemo
}

func (o *distinctOp) Next(ctx context.Context) (*vec.Batch, error) {
	for {
		b, err := o.in.Next(ctx)
		if b == nil || err != nil {
			return nil, err
		}
		var keep []int32
		var grow int64
		m := o.memo(b)
		for i := 0; i < b.Len; i++ {
			if m != nil {
				c := 0
				for k, v := range b.Cols {
					c += codeOf(v, i) * m.stride[k]
				}
				if m.ids[c] >= 0 {
					continue // these values were seen in this batch or before
				}
				m.ids[c] = 0
			}
			o.buf = o.buf[:0]
			for _, c := range b.Cols {
				o.buf = c.AppendKey(o.buf, i)
			}
			if _, dup := o.seen[string(o.buf)]; dup {
				continue
			}
			o.seen[string(o.buf)] = struct{}{}
			grow += int64(len(o.buf)) + 48
			keep = append(keep, int32(i))
		}
		if err := o.env.Budget.Grow(grow); err != nil {
			return nil, err
		}
		if len(keep) > 0 {
			return takeBatch(b, keep), nil
		}
	}
}
func (o *distinctOp) Close() { o.in.Close() }

// memo returns the code memo for b's columns when all are dictionary-
// coded (as partial.memoFor), else nil.
func (o *distinctOp) memo(b *vec.Batch) *codeMemo {
	if o.done == nil {
		o.done = map[[memoKeys]*vec.Dict]*codeMemo{}
	}
	return memoFor(o.done, b.Cols, b.Len)
}

// expandOp is plan.Expand: each input batch comes out once per grouping
// set, its columns followed by that set's values.
type expandOp struct {
	in      Operator
	sets    [][]evaluator
	pending []*vec.Batch
}

func newExpand(env *Env, n *plan.Expand, in Operator) (Operator, error) {
	l := layoutOf(n.Input.Columns())
	o := &expandOp{in: in}
	for _, set := range n.Sets {
		var evs []evaluator
		for _, e := range set {
			ev, err := compileCoded(env.Fn, e, l)
			if err != nil {
				in.Close()
				return nil, err
			}
			evs = append(evs, ev)
		}
		o.sets = append(o.sets, evs)
	}
	return o, nil
}

func (o *expandOp) Next(ctx context.Context) (*vec.Batch, error) {
	if len(o.pending) == 0 {
		b, err := o.in.Next(ctx)
		if b == nil || err != nil {
			return nil, err
		}
		for _, set := range o.sets {
			extra, err := project(b, set)
			if err != nil {
				return nil, err
			}
			cols := make([]*vec.Vector, 0, len(b.Cols)+len(extra.Cols))
			o.pending = append(o.pending, &vec.Batch{Len: b.Len, Cols: append(append(cols, b.Cols...), extra.Cols...)})
		}
	}
	b := o.pending[0]
	o.pending = o.pending[1:]
	return b, nil
}

func (o *expandOp) Close() { o.in.Close() }
