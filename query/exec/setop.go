package exec

import (
	"context"

	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// setOpOp is UNION [ALL], INTERSECT and EXCEPT.
type setOpOp struct {
	env         *Env
	node        *plan.SetOp
	left, right Operator
	seen        map[string]int // UNION DISTINCT: emitted; INTERSECT/EXCEPT: right rows
	buf         []byte
	emitted     map[string]bool // INTERSECT/EXCEPT DISTINCT: left rows emitted
	leftDone    bool
	built       bool
}

func newSetOp(env *Env, n *plan.SetOp, l, r Operator) (Operator, error) {
	return &setOpOp{env: env, node: n, left: l, right: r, seen: map[string]int{}}, nil
}

func (o *setOpOp) rowKey(b *vec.Batch, i int) string {
	o.buf = o.buf[:0]
	for _, c := range b.Cols {
		o.buf = c.AppendKey(o.buf, i)
	}
	return string(o.buf)
}

func (o *setOpOp) Next(ctx context.Context) (*vec.Batch, error) {
	switch o.node.Op {
	case "UNION":
		for {
			var b *vec.Batch
			var err error
			if !o.leftDone {
				if b, err = o.left.Next(ctx); err != nil {
					return nil, err
				}
				if b == nil {
					o.leftDone = true
					continue
				}
			} else if b, err = o.right.Next(ctx); err != nil || b == nil {
				return nil, err
			}
			if o.node.All {
				return b, nil
			}
			var keep []int32
			var grow int64
			for i := 0; i < b.Len; i++ {
				k := o.rowKey(b, i)
				if _, dup := o.seen[k]; !dup {
					o.seen[k] = 1
					grow += int64(len(k)) + 48
					keep = append(keep, int32(i))
				}
			}
			if err := o.env.Budget.Grow(grow); err != nil {
				return nil, err
			}
			if len(keep) > 0 {
				return takeBatch(b, keep), nil
			}
		}
	default: // INTERSECT, EXCEPT: build the right side, stream the left
		if !o.built {
			o.built = true
			err := Drain(ctx, o.right, func(b *vec.Batch) error {
				var grow int64
				for i := 0; i < b.Len; i++ {
					k := o.rowKey(b, i)
					if _, ok := o.seen[k]; !ok {
						grow += int64(len(k)) + 48
					}
					o.seen[k]++
				}
				return o.env.Budget.Grow(grow)
			})
			if err != nil {
				return nil, err
			}
		}
		if o.emitted == nil {
			o.emitted = map[string]bool{}
		}
		for {
			b, err := o.left.Next(ctx)
			if err != nil || b == nil {
				return nil, err
			}
			var keep []int32
			for i := 0; i < b.Len; i++ {
				k := o.rowKey(b, i)
				inRight := o.seen[k] > 0
				want := inRight == (o.node.Op == "INTERSECT")
				if !want {
					if o.node.All && inRight {
						o.seen[k]-- // EXCEPT ALL: each right row removes one left row
					}
					continue
				}
				if o.node.All {
					if o.node.Op == "INTERSECT" {
						o.seen[k]-- // each right row matches once
					}
					keep = append(keep, int32(i))
					continue
				}
				if !o.emitted[k] {
					o.emitted[k] = true
					keep = append(keep, int32(i))
				}
			}
			if len(keep) > 0 {
				return takeBatch(b, keep), nil
			}
		}
	}
}

func (o *setOpOp) Close() {
	o.left.Close()
	o.right.Close()
}
