package fn

import (
	"fmt"

	"github.com/trailhouse/trailhouse/query/vec"
)

// max_by(x, y, n) and min_by(x, y, n): an array of the x values of the n
// rows with the greatest (least) y, in that order (rows with a NULL y are
// skipped); n is read from the group's first row and must be 1 to 10000.

const maxByN = 10000

type byEntry struct {
	x any
	y *vec.Vector // one row
}

type byNState struct {
	t   *vec.Type // x's
	max bool
	n   []int64     // per group, 0 until its first row
	top [][]byEntry // per group, best first
	sz  int64
}

func (s *byNState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.n, s.top = grow(s.n, ng), grow(s.top, ng)
	for i, k := range g {
		if k < 0 || a[1].IsNull(i) {
			continue
		}
		if s.n[k] == 0 {
			if a[2].IsNull(i) || a[2].I[i] < 1 || a[2].I[i] > maxByN {
				return fmt.Errorf("%w: %s: n must be 1 to %d", ErrValue, s.name(), maxByN)
			}
			s.n[k] = a[2].I[i]
		}
		s.insert(int(k), a[1], i, func() any { return a[0].Get(i) })
	}
	return nil
}

func (s *byNState) name() string {
	if s.max {
		return "max_by"
	}
	return "min_by"
}

// insert puts row i of y (x from x()) into group k's list if it is among
// the best n.
func (s *byNState) insert(k int, y *vec.Vector, i int, x func() any) {
	top := s.top[k]
	better := func(j int) bool { // row i before entry j
		c := vec.Compare(y, i, top[j].y, 0)
		return s.max && c > 0 || !s.max && c < 0
	}
	pos := len(top)
	for pos > 0 && better(pos-1) {
		pos--
	}
	if int64(pos) >= s.n[k] {
		return
	}
	// Take copies the row: a Slice would keep the whole batch's arrays.
	e := byEntry{x: x(), y: y.Take([]int32{int32(i)})}
	if int64(len(top)) < s.n[k] {
		top = append(top, byEntry{})
		s.sz += 128
	}
	copy(top[pos+1:], top[pos:len(top)-1])
	top[pos] = e
	s.top[k] = top
}

func (s *byNState) Result(ng int) *vec.Vector {
	s.top = grow(s.top, ng)
	b := vec.NewBuilder(vec.ArrayOf(s.t))
	for g := 0; g < ng; g++ {
		if len(s.top[g]) == 0 {
			_ = b.Append(nil)
			continue
		}
		xs := make([]any, len(s.top[g]))
		for j, e := range s.top[g] {
			xs[j] = e.x
		}
		_ = b.Append(xs)
	}
	return b.Vector()
}

func (s *byNState) Size() int64 { return s.sz + int64(len(s.top))*32 }

func (s *byNState) Merge(other State, into []int32, ng int) error {
	o := other.(*byNState)
	s.n, s.top = grow(s.n, ng), grow(s.top, ng)
	for g, top := range o.top {
		t := into[g]
		if s.n[t] == 0 {
			s.n[t] = o.n[g]
		}
		for _, e := range top {
			s.insert(int(t), e.y, 0, func() any { return e.x })
		}
	}
	return nil
}

// topNState is max(x, n) and min(x, n): max_by(x, x, n) and min_by(x, x, n).
type topNState struct{ byNState }

func (s *topNState) Update(g []int32, ng int, a []*vec.Vector) error {
	return s.byNState.Update(g, ng, []*vec.Vector{a[0], a[0], a[1]})
}

func (s *topNState) Merge(other State, into []int32, ng int) error {
	return s.byNState.Merge(&other.(*topNState).byNState, into, ng)
}
