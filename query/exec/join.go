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

	built   bool
	right   *vec.Batch
	table   map[string][]int32
	matched []bool // right rows that found a partner (RIGHT, FULL)
	buf     []byte
	// The probe cursor: the left batch being probed, its keys, its next
	// row and the next pair of that row; hit marks its rows that found a
	// partner.
	cur     *vec.Batch
	curKeys []*vec.Vector
	pos     int
	rpos    int
	hit     []bool
	// A mark join's cursor: per left row, whether it needs no more pairs
	// and how many of its pairs were formed; open counts the others.
	done     []bool
	off      []int32
	open     int
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

// maxPairs bounds the candidate pairs formed at once: a key shared by
// many rows on both sides (or a join without keys) is taken a slice of
// pairs at a time, so memory stays bounded whatever the skew.
const maxPairs = 1 << 16

// markStep is how many of a row's candidate pairs a mark join tests in
// one pass over the batch: a row that finds its partner early is not
// tested further.
const markStep = 256

// nextPairs forms up to maxPairs candidate pairs from the probe cursor
// (left row o.pos, o.rpos into its bucket), advancing it. A mark join
// takes them markStep per row in passes over the batch, leaving out rows
// that have a partner.
func (o *joinOp) nextPairs() (li, ri []int32) {
	l := o.cur
	if o.node.Kind == plan.JoinMark {
		for len(li) < maxPairs && o.open > 0 {
			if o.pos >= l.Len {
				o.pos = 0 // the next pass
			}
			i := o.pos
			o.pos++
			if o.done[i] {
				continue
			}
			if o.hit[i] {
				o.done[i], o.open = true, o.open-1
				continue
			}
			bucket, n := o.bucket(i)
			off := int(o.off[i])
			take := min(n-off, markStep, maxPairs-len(li))
			li, ri = appendPairs(li, ri, i, bucket, off, take)
			if o.off[i] += int32(take); int(o.off[i]) >= n {
				o.done[i], o.open = true, o.open-1
			}
		}
		return li, ri
	}
	for o.pos < l.Len && len(li) < maxPairs {
		i := o.pos
		bucket, n := o.bucket(i)
		take := min(n-o.rpos, maxPairs-len(li))
		li, ri = appendPairs(li, ri, i, bucket, o.rpos, take)
		if o.rpos += take; o.rpos >= n {
			o.pos, o.rpos = o.pos+1, 0
		}
	}
	return li, ri
}

// bucket returns the right rows left row i may pair with, and how many:
// all of them (rows nil) when the join has no keys, none when a key is
// NULL.
func (o *joinOp) bucket(i int) (rows []int32, n int) {
	if len(o.lkeys) == 0 {
		return nil, o.right.Len
	}
	if !o.key(o.curKeys, i) {
		return nil, 0
	}
	rows = o.table[string(o.buf)]
	return rows, len(rows)
}

// appendPairs adds the pairs of left row i with take of its bucket's rows
// from off (with right rows off, off+1, ... when bucket is nil: all rows).
func appendPairs(li, ri []int32, i int, bucket []int32, off, take int) ([]int32, []int32) {
	for k := off; k < off+take; k++ {
		li = append(li, int32(i))
		if bucket == nil {
			ri = append(ri, int32(k))
		} else {
			ri = append(ri, bucket[k])
		}
	}
	return li, ri
}

// batchDone reports whether every candidate pair of the current left batch
// has been formed.
func (o *joinOp) batchDone() bool {
	if o.node.Kind == plan.JoinMark {
		return o.open == 0
	}
	return o.pos >= o.cur.Len
}

// probe tests one slice of candidate pairs of the current left batch and
// returns the joined rows they give (nil when none).
func (o *joinOp) probe() (*vec.Batch, error) {
	li, ri := o.nextPairs()
	if len(li) == 0 {
		return nil, nil
	}
	pairs := o.combine(o.cur, li, ri)
	if o.residual != nil {
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
	for _, x := range li {
		o.hit[x] = true
	}
	if o.node.Kind == plan.JoinMark {
		return nil, nil
	}
	return pairs, nil
}

// finish returns what the current left batch gives once all its pairs are
// tested: the batch with its mark (a mark join), or its rows that found no
// partner, with NULLs on the right (LEFT and FULL joins).
func (o *joinOp) finish() *vec.Batch {
	l := o.cur
	switch o.node.Kind {
	case plan.JoinMark:
		mark := &vec.Vector{T: vec.TBoolean, Len: l.Len, B: append([]bool(nil), o.hit...)}
		return &vec.Batch{Len: l.Len, Cols: append(append([]*vec.Vector(nil), l.Cols...), mark)}
	case plan.JoinLeft, plan.JoinFull:
		var ul, ur []int32
		for i, h := range o.hit {
			if !h {
				ul, ur = append(ul, int32(i)), append(ur, -1)
			}
		}
		if len(ul) > 0 {
			return o.combine(l, ul, ur)
		}
	}
	return nil
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
			if l.Len == 0 {
				continue
			}
			o.cur, o.pos, o.rpos = l, 0, 0
			o.hit = make([]bool, l.Len)
			if o.node.Kind == plan.JoinMark {
				o.done, o.off, o.open = make([]bool, l.Len), make([]int32, l.Len), l.Len
			}
			if len(o.lkeys) > 0 {
				if o.curKeys, err = evalAll(o.lkeys, l); err != nil {
					return nil, err
				}
			}
		}
		if o.batchDone() {
			out := o.finish()
			o.cur, o.curKeys, o.hit, o.done, o.off = nil, nil, nil, nil, nil
			if out != nil && out.Len > 0 {
				return out, nil
			}
			continue
		}
		out, err := o.probe()
		if err != nil {
			return nil, err
		}
		if out != nil && out.Len > 0 {
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
