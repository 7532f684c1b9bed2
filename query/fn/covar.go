package fn

import (
	"math"

	"github.com/trailhouse/trailhouse/query/vec"
)

// corr, covar_samp, covar_pop, regr_slope and regr_intercept of (y, x)
// over the rows where both are not NULL, by running co-moments (Welford's
// method for two variables; partial states merge). NULL where the
// statistic is undefined: fewer than two rows for the sample forms, no
// spread in x (or y, for corr).
func init() {
	for _, name := range []string{"corr", "covar_samp", "covar_pop", "regr_slope", "regr_intercept"} {
		name := name
		aggregates[name] = func(args []*vec.Type) (*Aggregate, error) {
			if len(args) != 2 || !args[0].Numeric() || !args[1].Numeric() {
				return nil, argErr(name, args)
			}
			return &Aggregate{Args: []*vec.Type{tD, tD}, Ret: tD, New: func() State { return &covState{kind: name} }}, nil
		}
	}
}

type covState struct {
	kind                  string
	n                     []int64
	mx, my, cxy, m2x, m2y []float64
}

func (s *covState) grow(ng int) {
	s.n = grow(s.n, ng)
	s.mx, s.my, s.cxy, s.m2x, s.m2y = grow(s.mx, ng), grow(s.my, ng), grow(s.cxy, ng), grow(s.m2x, ng), grow(s.m2y, ng)
}

func (s *covState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.grow(ng)
	for i, k := range g {
		if k < 0 || a[0].IsNull(i) || a[1].IsNull(i) {
			continue
		}
		y, x := a[0].F[i], a[1].F[i]
		s.n[k]++
		n := float64(s.n[k])
		dx := x - s.mx[k]
		dy := y - s.my[k]
		s.mx[k] += dx / n
		s.my[k] += dy / n
		s.cxy[k] += dx * (y - s.my[k])
		s.m2x[k] += dx * (x - s.mx[k])
		s.m2y[k] += dy * (y - s.my[k])
	}
	return nil
}

func (s *covState) Result(ng int) *vec.Vector {
	s.grow(ng)
	out := vec.New(tD, ng)
	for g := 0; g < ng; g++ {
		n := float64(s.n[g])
		v, ok := 0.0, true
		switch s.kind {
		case "covar_samp":
			v, ok = s.cxy[g]/(n-1), n >= 2
		case "covar_pop":
			v, ok = s.cxy[g]/n, n >= 1
		case "corr":
			v, ok = s.cxy[g]/math.Sqrt(s.m2x[g]*s.m2y[g]), n >= 2 && s.m2x[g] > 0 && s.m2y[g] > 0
		case "regr_slope":
			v, ok = s.cxy[g]/s.m2x[g], n >= 1 && s.m2x[g] > 0
		case "regr_intercept":
			v, ok = s.my[g]-s.cxy[g]/s.m2x[g]*s.mx[g], n >= 1 && s.m2x[g] > 0
		}
		if !ok {
			out.SetNull(g)
			continue
		}
		out.F[g] = v
	}
	return out
}

func (s *covState) Size() int64 { return int64(len(s.n)) * 48 }

func (s *covState) Merge(other State, into []int32, ng int) error {
	o := other.(*covState)
	s.grow(ng)
	for g := range o.n {
		if o.n[g] == 0 {
			continue
		}
		t := into[g]
		na, nb := float64(s.n[t]), float64(o.n[g])
		n := na + nb
		dx, dy := o.mx[g]-s.mx[t], o.my[g]-s.my[t]
		s.cxy[t] += o.cxy[g] + dx*dy*na*nb/n
		s.m2x[t] += o.m2x[g] + dx*dx*na*nb/n
		s.m2y[t] += o.m2y[g] + dy*dy*na*nb/n
		s.mx[t] += dx * nb / n
		s.my[t] += dy * nb / n
		s.n[t] += o.n[g]
	}
	return nil
}
