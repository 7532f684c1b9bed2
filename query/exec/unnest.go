package exec

import (
	"context"

	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// unnestOp expands arrays into rows (CROSS JOIN UNNEST).
type unnestOp struct {
	node  *plan.Unnest
	in    Operator
	exprs []evaluator
}

func newUnnest(env *Env, n *plan.Unnest, in Operator) (Operator, error) {
	l := layoutOf(n.Input.Columns())
	o := &unnestOp{node: n, in: in}
	for _, e := range n.Exprs {
		ev, err := compile(env.Fn, e, l)
		if err != nil {
			in.Close()
			return nil, err
		}
		o.exprs = append(o.exprs, ev)
	}
	return o, nil
}

func (o *unnestOp) Next(ctx context.Context) (*vec.Batch, error) {
	for {
		b, err := o.in.Next(ctx)
		if b == nil || err != nil {
			return nil, err
		}
		arrays := make([]*vec.Vector, len(o.exprs))
		for i, e := range o.exprs {
			if arrays[i], err = e(b); err != nil {
				return nil, err
			}
		}
		var rowIdx []int32
		elemIdx := make([][]int32, len(arrays))
		var ord []int64
		for i := 0; i < b.Len; i++ {
			n := 0
			for _, a := range arrays {
				if !a.IsNull(i) {
					n = max(n, int(a.Off[i+1]-a.Off[i]))
				}
			}
			if n == 0 && o.node.Outer {
				rowIdx = append(rowIdx, int32(i))
				for k := range arrays {
					elemIdx[k] = append(elemIdx[k], -1)
				}
				ord = append(ord, 0)
				continue
			}
			for j := 0; j < n; j++ {
				rowIdx = append(rowIdx, int32(i))
				for k, a := range arrays {
					if !a.IsNull(i) && int(a.Off[i])+j < int(a.Off[i+1]) {
						elemIdx[k] = append(elemIdx[k], a.Off[i]+int32(j))
					} else {
						elemIdx[k] = append(elemIdx[k], -1)
					}
				}
				ord = append(ord, int64(j+1))
			}
		}
		if len(rowIdx) == 0 {
			continue
		}
		out := takeBatch(b, rowIdx)
		for k, a := range arrays {
			e := a.Elem.Take(elemIdx[k])
			if o.node.Expand[k] {
				for _, f := range e.Fields {
					fv := *f
					if e.Null != nil {
						fv.Null = mergeNulls(e.Null, f.Null, e.Len)
					}
					out.Cols = append(out.Cols, &fv)
				}
			} else {
				out.Cols = append(out.Cols, e)
			}
		}
		if o.node.Ordinality {
			v := &vec.Vector{T: vec.TBigint, Len: len(ord), I: ord}
			if o.node.Outer {
				for i, x := range ord {
					if x == 0 {
						v.SetNull(i)
					}
				}
			}
			out.Cols = append(out.Cols, v)
		}
		return out, nil
	}
}

func mergeNulls(a, b []bool, n int) []bool {
	out := make([]bool, n)
	for i := 0; i < n; i++ {
		out[i] = (a != nil && a[i]) || (b != nil && b[i])
	}
	return out
}

func (o *unnestOp) Close() { o.in.Close() }
