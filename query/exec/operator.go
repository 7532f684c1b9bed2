package exec

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// Operator produces batches. Next returns the next non-empty batch, or nil
// at the end; after an error or the end it must not be called again. Close
// releases what the operator holds and stops its goroutines; it may be
// called at any time, more than once.
type Operator interface {
	Next(ctx context.Context) (*vec.Batch, error)
	Close()
}

// Budget bounds the bytes that buffering operators hold for one query.
type Budget struct {
	limit int64
	used  atomic.Int64
	peak  atomic.Int64
}

// NewBudget returns a budget of limit bytes; 0 means unbounded.
func NewBudget(limit int64) *Budget { return &Budget{limit: limit} }

// Grow accounts for n more bytes (n may be negative), failing with
// ErrMemoryLimit past the limit.
func (b *Budget) Grow(n int64) error {
	u := b.used.Add(n)
	for {
		p := b.peak.Load()
		if u <= p || b.peak.CompareAndSwap(p, u) {
			break
		}
	}
	if b.limit > 0 && u > b.limit {
		return fmt.Errorf("%w (%d MiB): make the query more selective, or raise --max-memory", ErrMemoryLimit, b.limit>>20)
	}
	return nil
}

// Peak is the most bytes held at once.
func (b *Budget) Peak() int64 { return b.peak.Load() }

// Env is what operators of one statement share.
type Env struct {
	Fn          *fn.Ctx
	Budget      *Budget
	Lake        *Lake
	Parallelism int
	// Analyze collects per-operator figures (EXPLAIN ANALYZE).
	Analyze bool
	Stats   *ScanStats

	// tops passes top-N bounds from a sort to the scan under it while
	// the operators are built.
	tops map[*plan.Scan]*topBound
}

// OpStats are one operator's actual figures.
type OpStats struct {
	Rows    atomic.Int64
	Batches atomic.Int64
	Nanos   atomic.Int64
}

// Build turns a plan into operators. stats, when not nil, receives one
// entry per plan node with the operator's figures.
func Build(env *Env, n plan.Node, stats map[plan.Node]*OpStats) (Operator, error) {
	op, err := build(env, n, stats)
	if err != nil {
		return nil, err
	}
	if stats != nil {
		s := &OpStats{}
		stats[n] = s
		op = &measured{in: op, s: s}
	}
	return op, nil
}

func build(env *Env, n plan.Node, stats map[plan.Node]*OpStats) (Operator, error) {
	child := func(c plan.Node) (Operator, error) { return Build(env, c, stats) }
	switch n := n.(type) {
	case *plan.Scan:
		return newScan(env, n)
	case *plan.Values:
		return newValues(env, n)
	case *plan.Filter:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return newFilter(env, n, in)
	case *plan.Project:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return newProject(env, n, in)
	case *plan.Expand:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return newExpand(env, n, in)
	case *plan.Aggregate:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return newAggregate(env, n, in)
	case *plan.Sort:
		top, sc := newTopBound(n)
		if top != nil {
			if env.tops == nil {
				env.tops = map[*plan.Scan]*topBound{}
			}
			env.tops[sc] = top
		}
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		op, err := newSort(env, n, in)
		if s, ok := op.(*sortOp); ok {
			s.top = top
		}
		return op, err
	case *plan.Limit:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return &limitOp{in: in, offset: n.Offset, count: n.Count}, nil
	case *plan.Distinct:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return &distinctOp{in: in, env: env, seen: map[string]struct{}{}}, nil
	case *plan.Join:
		l, err := child(n.Left)
		if err != nil {
			return nil, err
		}
		r, err := child(n.Right)
		if err != nil {
			l.Close()
			return nil, err
		}
		return newJoin(env, n, l, r)
	case *plan.Unnest:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return newUnnest(env, n, in)
	case *plan.Window:
		in, err := child(n.Input)
		if err != nil {
			return nil, err
		}
		return newWindow(env, n, in)
	case *plan.SetOp:
		l, err := child(n.Left)
		if err != nil {
			return nil, err
		}
		r, err := child(n.Right)
		if err != nil {
			l.Close()
			return nil, err
		}
		return newSetOp(env, n, l, r)
	}
	return nil, fmt.Errorf("exec: no operator for %T", n)
}

// measured wraps an operator with EXPLAIN ANALYZE counters. Time is
// inclusive of the operator's inputs.
type measured struct {
	in Operator
	s  *OpStats
}

func (m *measured) Next(ctx context.Context) (*vec.Batch, error) {
	t := time.Now()
	b, err := m.in.Next(ctx)
	m.s.Nanos.Add(int64(time.Since(t)))
	if b != nil {
		m.s.Rows.Add(int64(b.Len))
		m.s.Batches.Add(1)
	}
	return b, err
}

func (m *measured) Close() { m.in.Close() }

// Drain reads an operator to the end into one batch per call of fn.
func Drain(ctx context.Context, op Operator, f func(*vec.Batch) error) error {
	for {
		b, err := op.Next(ctx)
		if err != nil {
			return err
		}
		if b == nil {
			return nil
		}
		if err := f(b); err != nil {
			return err
		}
	}
}

// batchBytes estimates the memory a batch holds.
func batchBytes(b *vec.Batch) int64 {
	var n int64
	for _, c := range b.Cols {
		n += vectorBytes(c)
	}
	return n
}

func vectorBytes(v *vec.Vector) int64 {
	n := int64(len(v.Null) + len(v.B) + 8*len(v.I) + 8*len(v.F) + 4*len(v.Off) + 4*len(v.Codes))
	for _, s := range v.S {
		n += 16 + int64(len(s))
	}
	if v.Elem != nil {
		n += vectorBytes(v.Elem)
	}
	for _, f := range v.Fields {
		n += vectorBytes(f)
	}
	return n
}
