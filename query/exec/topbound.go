package exec

import (
	"cmp"
	"encoding/binary"
	"slices"
	"sync/atomic"

	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/pq"
	"github.com/trailhouse/trailhouse/query/vec"
)

// topBound is what a top-N (ORDER BY k LIMIT n) tells the scan under it
// when k is a stored integer or timestamp column of that scan, passed up
// unchanged: once the top-N keeps n rows, the key of the last of them.
// A row group whose statistics put every key after that bound has no row
// that can enter, and is not read. Only NULLS LAST keys take part (a NULL
// key never enters once the bound is set).
type topBound struct {
	col  string // the scan's stored column
	desc bool
	set  atomic.Bool
	v    atomic.Int64
}

// newTopBound returns the bound for s when its first key maps, through
// projections and filters that pass it on, to a stored integer or
// timestamp column of a scan, and the scan it is for; else nil.
func newTopBound(s *plan.Sort) (*topBound, *plan.Scan) {
	if s.Limit < 0 || s.Ties || len(s.Keys) == 0 || s.Keys[0].NullsFirst {
		return nil, nil
	}
	ref, ok := s.Keys[0].Expr.(*plan.ColRef)
	if !ok {
		return nil, nil
	}
	id := ref.ID
	for n := s.Input; ; {
		switch x := n.(type) {
		case *plan.Filter:
			n = x.Input
			continue
		case *plan.Project:
			found := false
			for i, c := range x.Out {
				if c.ID == id {
					r, ok := x.Exprs[i].(*plan.ColRef)
					if !ok {
						return nil, nil
					}
					id, found = r.ID, true
					break
				}
			}
			if !found {
				return nil, nil
			}
			n = x.Input
			continue
		case *plan.Scan:
			for i, c := range x.Cols {
				tc := x.Table.Columns[x.Source[i]]
				if c.ID != id || tc.Partition {
					continue
				}
				switch tc.T.Kind {
				case vec.Bigint, vec.Timestamp, vec.TimestampTZ:
					return &topBound{col: tc.Name, desc: s.Keys[0].Desc}, x
				}
			}
		}
		return nil, nil
	}
}

// update records the first key of the last kept row (k's last row).
func (b *topBound) update(k *vec.Vector) {
	if b == nil || k.Len == 0 || k.IsNull(k.Len-1) {
		return
	}
	b.v.Store(k.I[k.Len-1])
	b.set.Store(true)
}

// span returns the column's least and greatest value in u's row group,
// from its statistics, in the engine's units.
func (b *topBound) span(u unit) (lo, hi int64, ok bool) {
	leaf := u.md.Leaf(b.col)
	if leaf < 0 {
		return 0, 0, false
	}
	l := &u.md.Leaves[leaf]
	ch := &u.md.RowGroups[u.rg].Chunks[leaf]
	st := &ch.Stats
	if l.Type != pq.Int64 || !ch.HasStats || !st.HasMin || !st.HasMax || len(st.Min) != 8 || len(st.Max) != 8 {
		return 0, 0, false
	}
	if l.Logical == pq.LogicalTimestamp && l.Unit != pq.Millis {
		return 0, 0, false
	}
	return int64(binary.LittleEndian.Uint64([]byte(st.Min))), int64(binary.LittleEndian.Uint64([]byte(st.Max))), true
}

// excludes reports whether no row of u can enter the top-N.
func (b *topBound) excludes(u unit) bool {
	if b == nil || !b.set.Load() {
		return false
	}
	lo, hi, ok := b.span(u)
	if !ok {
		return false
	}
	v := b.v.Load()
	if b.desc {
		return hi < v
	}
	return lo > v
}

// order sorts units so that the likely winners come first: by least
// value ascending, or greatest value descending; units without
// statistics first.
func (b *topBound) order(units []unit) {
	type keyed struct {
		u   unit
		key int64
		ok  bool
	}
	ks := make([]keyed, len(units))
	for i, u := range units {
		lo, hi, ok := b.span(u)
		ks[i] = keyed{u: u, key: lo, ok: ok}
		if b.desc {
			ks[i].key = hi
		}
	}
	slices.SortStableFunc(ks, func(x, y keyed) int {
		if x.ok != y.ok {
			if !x.ok {
				return -1
			}
			return 1
		}
		if b.desc {
			return cmp.Compare(y.key, x.key)
		}
		return cmp.Compare(x.key, y.key)
	})
	for i := range ks {
		units[i] = ks[i].u
	}
}
