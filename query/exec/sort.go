package exec

import (
	"context"
	"sort"

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

// sortKeys orders row indexes by the key vectors.
func sortKeys(keys []*vec.Vector, specs []plan.SortKey, idx []int32) {
	sort.SliceStable(idx, func(a, b int) bool {
		return compareRows(keys, specs, int(idx[a]), int(idx[b])) < 0
	})
}

// compareRows compares rows i and j by the keys with ORDER BY rules.
func compareRows(keys []*vec.Vector, specs []plan.SortKey, i, j int) int {
	for k, v := range keys {
		in, jn := v.IsNull(i), v.IsNull(j)
		var c int
		switch {
		case in && jn:
			c = 0
		case in || jn:
			c = 1
			if in == specs[k].NullsFirst {
				c = -1
			}
		default:
			c = vec.Compare(v, i, v, j)
			if specs[k].Desc {
				c = -c
			}
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func (o *sortOp) Next(ctx context.Context) (*vec.Batch, error) {
	if !o.done {
		o.done = true
		all, err := collect(ctx, o.env, o.in, o.node.Input.Columns())
		if err != nil {
			return nil, err
		}
		o.in.Close()
		keys := make([]*vec.Vector, len(o.keys))
		for i, k := range o.keys {
			if keys[i], err = k(all); err != nil {
				return nil, err
			}
		}
		idx := make([]int32, all.Len)
		for i := range idx {
			idx[i] = int32(i)
		}
		sortKeys(keys, o.node.Keys, idx)
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
