package fn

import (
	"fmt"
	"math"
	"slices"

	"github.com/trailhouse/trailhouse/query/vec"
)

// approx_percentile(x, p) and approx_percentile(x, ARRAY[p, ...]): the
// value below which a fraction p of x's non-NULL values lie. Trino answers
// from a sketch; this one keeps the values and answers exactly (the value
// of rank round(p * (n - 1)) in ascending order), which is within any
// sketch's error. The result has x's type.

func init() {
	aggregates["approx_percentile"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) != 2 || !(args[0].Kind == vec.Bigint || args[0].Kind == vec.Double) {
			return nil, argErr("approx_percentile", args)
		}
		t := args[0]
		switch {
		case Coercible(args[1], tD):
			return &Aggregate{Args: []*vec.Type{t, tD}, Ret: t, New: func() State { return &percentileState{t: t} }}, nil
		case args[1].Kind == vec.Array && Coercible(args[1].Elem, tD):
			return &Aggregate{Args: []*vec.Type{t, vec.ArrayOf(tD)}, Ret: vec.ArrayOf(t), New: func() State { return &percentileState{t: t, many: true} }}, nil
		}
		return nil, argErr("approx_percentile", args)
	}
}

type percentileState struct {
	t    *vec.Type
	many bool        // p is an array
	vals [][]float64 // per group
	ps   [][]float64 // per group: the percentiles asked for (the first row's)
	sz   int64
	err  error
}

func (s *percentileState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.vals, s.ps = grow(s.vals, ng), grow(s.ps, ng)
	for i, k := range g {
		if k < 0 || a[0].IsNull(i) || a[1].IsNull(i) {
			continue
		}
		if s.ps[k] == nil {
			ps, err := percentilesAt(a[1], i, s.many)
			if err != nil {
				return err
			}
			s.ps[k] = ps
		}
		x := 0.0
		if s.t.Kind == vec.Bigint {
			x = float64(a[0].I[i])
		} else {
			x = a[0].F[i]
		}
		s.vals[k] = append(s.vals[k], x)
		s.sz += 8
	}
	return nil
}

func percentilesAt(v *vec.Vector, i int, many bool) ([]float64, error) {
	var ps []float64
	if many {
		for j := v.Off[i]; j < v.Off[i+1]; j++ {
			if v.Elem.IsNull(int(j)) {
				return nil, fmt.Errorf("%w: approx_percentile: a percentile is NULL", ErrValue)
			}
			ps = append(ps, v.Elem.F[j])
		}
	} else {
		ps = []float64{v.F[i]}
	}
	for _, p := range ps {
		if !(p >= 0 && p <= 1) {
			return nil, fmt.Errorf("%w: approx_percentile: percentile %v is not between 0 and 1", ErrValue, p)
		}
	}
	if ps == nil {
		ps = []float64{}
	}
	return ps, nil
}

func (s *percentileState) Result(ng int) *vec.Vector {
	s.vals, s.ps = grow(s.vals, ng), grow(s.ps, ng)
	ret := s.t
	if s.many {
		ret = vec.ArrayOf(s.t)
	}
	b := vec.NewBuilder(ret)
	box := func(x float64) any {
		if s.t.Kind == vec.Bigint {
			return int64(x)
		}
		return x
	}
	for g := 0; g < ng; g++ {
		vs := s.vals[g]
		if len(vs) == 0 {
			b.Append(nil)
			continue
		}
		slices.Sort(vs)
		at := func(p float64) any { return box(vs[int(math.Round(p*float64(len(vs)-1)))]) }
		if !s.many {
			b.Append(at(s.ps[g][0]))
			continue
		}
		out := make([]any, len(s.ps[g]))
		for j, p := range s.ps[g] {
			out[j] = at(p)
		}
		b.Append(out)
	}
	return b.Vector()
}

func (s *percentileState) Size() int64 { return s.sz + int64(len(s.vals))*48 }

func (s *percentileState) Merge(other State, into []int32, ng int) error {
	o := other.(*percentileState)
	s.vals, s.ps = grow(s.vals, ng), grow(s.ps, ng)
	for g, vs := range o.vals {
		t := into[g]
		s.vals[t] = append(s.vals[t], vs...)
		if s.ps[t] == nil {
			s.ps[t] = o.ps[g]
		}
	}
	s.sz += o.sz
	return nil
}
