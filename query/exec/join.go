package exec

import (
	"context"

	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// joinOp is a hash join: the right input is built into a table keyed by
// the right keys, the left input probes it batch by batch. Without keys
// every pair is tested (a nested loop over the built side).
type joinOp struct {
	env        *Env
	node       *plan.Join
	left, rght Operator
	lkeys      []evaluator
	rkeys      []evaluator
	residual   evaluator

	built    bool
	right    *vec.Batch
	table    map[string][]int32
	matched  []bool // right rows that found a partner (RIGHT, FULL)
	buf      []byte
	cur      *vec.Batch // the left batch being probed, from row pos
	pos      int
	leftDone bool
	tailDone bool
}

func newJoin(env *Env, n *plan.Join, l, r Operator) (Operator, error) {
	o := &joinOp{env: env, node: n, left: l, rght: r}
	ll, rl := layoutOf(n.Left.Columns()), layoutOf(n.Right.Columns())
	fail := func(err error) (Operator, error) {
		l.Close()
		r.Close()
		return nil, err
	}
	for i := range n.LeftKeys {
		lk, err := compile(env.Fn, n.LeftKeys[i], ll)
		if err != nil {
			return fail(err)
		}
		rk, err := compile(env.Fn, n.RightKeys[i], rl)
		if err != nil {
			return fail(err)
		}
		o.lkeys, o.rkeys = append(o.lkeys, lk), append(o.rkeys, rk)
	}
	if n.Residual != nil {
		res, err := compile(env.Fn, n.Residual, layoutOf(n.Pairs()))
		if err != nil {
			return fail(err)
		}
		o.residual = res
	}
	return o, nil
}

// key encodes row i's keys; false when a key is NULL (no match).
func (o *joinOp) key(keys []*vec.Vector, i int) bool {
	o.buf = o.buf[:0]
	for _, k := range keys {
		if k.IsNull(i) {
			return false
		}
		o.buf = k.AppendKey(o.buf, i)
	}
	return true
}

func evalAll(evs []evaluator, b *vec.Batch) ([]*vec.Vector, error) {
	out := make([]*vec.Vector, len(evs))
	for i, e := range evs {
		v, err := e(b)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (o *joinOp) build(ctx context.Context) error {
	right, err := collect(ctx, o.env, o.rght, o.node.Right.Columns())
	if err != nil {
		return err
	}
	o.rght.Close()
	o.right = right
	o.matched = make([]bool, right.Len)
	if len(o.rkeys) == 0 {
		return nil
	}
	keys, err := evalAll(o.rkeys, right)
	if err != nil {
		return err
	}
	o.table = make(map[string][]int32)
	var grow int64
	for i := 0; i < right.Len; i++ {
		if !o.key(keys, i) {
			continue
		}
		if _, ok := o.table[string(o.buf)]; !ok {
			grow += int64(len(o.buf)) + 48
		}
		o.table[string(o.buf)] = append(o.table[string(o.buf)], int32(i))
		grow += 4
	}
	return o.env.Budget.Grow(grow)
}

// combine builds output rows from index pairs (-1 is a NULL side).
func (o *joinOp) combine(l *vec.Batch, li, ri []int32) *vec.Batch {
	out := &vec.Batch{Len: len(li)}
	for _, c := range l.Cols {
		out.Cols = append(out.Cols, c.Take(li))
	}
	for _, c := range o.right.Cols {
		out.Cols = append(out.Cols, c.Take(ri))
	}
	return out
}

func (o *joinOp) probe(l *vec.Batch) (*vec.Batch, error) {
	var li, ri []int32
	if len(o.lkeys) > 0 {
		keys, err := evalAll(o.lkeys, l)
		if err != nil {
			return nil, err
		}
		for i := 0; i < l.Len; i++ {
			if !o.key(keys, i) {
				continue
			}
			for _, r := range o.table[string(o.buf)] {
				li, ri = append(li, int32(i)), append(ri, r)
			}
		}
	} else {
		for i := 0; i < l.Len; i++ {
			for r := 0; r < o.right.Len; r++ {
				li, ri = append(li, int32(i)), append(ri, int32(r))
			}
		}
	}
	pairs := o.combine(l, li, ri)
	if o.residual != nil && pairs.Len > 0 {
		c, err := o.residual(pairs)
		if err != nil {
			return nil, err
		}
		var keep []int32
		var kl, kr []int32
		for i := 0; i < pairs.Len; i++ {
			if !c.IsNull(i) && c.B[i] {
				keep = append(keep, int32(i))
				kl, kr = append(kl, li[i]), append(kr, ri[i])
			}
		}
		pairs, li, ri = takeBatch(pairs, keep), kl, kr
	}
	for _, r := range ri {
		o.matched[r] = true
	}
	kind := o.node.Kind
	if kind == plan.JoinMark {
		mark := &vec.Vector{T: vec.TBoolean, Len: l.Len, B: make([]bool, l.Len)}
		for _, x := range li {
			mark.B[x] = true
		}
		return &vec.Batch{Len: l.Len, Cols: append(append([]*vec.Vector(nil), l.Cols...), mark)}, nil
	}
	if kind == plan.JoinLeft || kind == plan.JoinFull {
		hit := make([]bool, l.Len)
		for _, x := range li {
			hit[x] = true
		}
		var ul, ur []int32
		for i, h := range hit {
			if !h {
				ul, ur = append(ul, int32(i)), append(ur, -1)
			}
		}
		if len(ul) > 0 {
			extra := o.combine(l, ul, ur)
			pairs = concatBatches(o.node.Columns(), []*vec.Batch{pairs, extra}, pairs.Len+extra.Len)
		}
	}
	return pairs, nil
}

func (o *joinOp) Next(ctx context.Context) (*vec.Batch, error) {
	if !o.built {
		o.built = true
		if err := o.build(ctx); err != nil {
			return nil, err
		}
	}
	for !o.leftDone || o.cur != nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if o.cur == nil {
			l, err := o.left.Next(ctx)
			if err != nil {
				return nil, err
			}
			if l == nil {
				o.leftDone = true
				break
			}
			o.cur, o.pos = l, 0
		}
		// Without keys every pair is formed: take the left batch a slice
		// at a time so that each output batch stays near a million rows.
		step := o.cur.Len
		if len(o.lkeys) == 0 && o.right.Len > 0 {
			step = max(1, (1<<20)/o.right.Len)
		}
		hi := min(o.cur.Len, o.pos+step)
		out, err := o.probe(sliceBatch(o.cur, o.pos, hi))
		if err != nil {
			return nil, err
		}
		if o.pos = hi; o.pos >= o.cur.Len {
			o.cur = nil
		}
		if out.Len > 0 {
			return out, nil
		}
	}
	kind := o.node.Kind
	if !o.tailDone && (kind == plan.JoinRight || kind == plan.JoinFull) {
		o.tailDone = true
		var ri, li []int32
		for r, m := range o.matched {
			if !m {
				ri, li = append(ri, int32(r)), append(li, -1)
			}
		}
		if len(ri) > 0 {
			empty := &vec.Batch{}
			for _, c := range o.node.Left.Columns() {
				empty.Cols = append(empty.Cols, vec.Nulls(c.T, 1))
			}
			for i := range li {
				li[i] = 0
			}
			out := o.combine(empty, li, ri)
			for i := range o.node.Left.Columns() {
				out.Cols[i] = vec.Nulls(out.Cols[i].T, len(ri))
			}
			return out, nil
		}
	}
	return nil, nil
}

func (o *joinOp) Close() {
	o.left.Close()
	o.rght.Close()
}
