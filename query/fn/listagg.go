package fn

import (
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// listagg(x[, separator]) [WITHIN GROUP (ORDER BY ...)]: the group's
// non-NULL values of x joined by separator (the first row's; '' when
// absent), in the order the rows reach it; NULL for a group with no value.

func init() {
	aggregates["listagg"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) == 1 && Coercible(args[0], tV) { // the separator is ''
			return &Aggregate{Args: []*vec.Type{tV}, Ret: tV, New: func() State { return &listaggState{} }, Coded: true}, nil
		}
		if len(args) != 2 || !Coercible(args[0], tV) || !Coercible(args[1], tV) {
			return nil, argErr("listagg", args)
		}
		return &Aggregate{Args: []*vec.Type{tV, tV}, Ret: tV, New: func() State { return &listaggState{} }, Coded: true}, nil
	}
}

type listaggState struct {
	b   []strings.Builder
	sep []*string // per group: the separator, once a value was added
	sz  int64
}

func (s *listaggState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.b, s.sep = grow(s.b, ng), grow(s.sep, ng)
	for i, k := range g {
		if k < 0 || a[0].IsNull(i) {
			continue
		}
		if s.sep[k] == nil {
			sep := ""
			if len(a) > 1 && !a[1].IsNull(i) {
				sep = a[1].Str(i)
			}
			s.sep[k] = &sep
		} else {
			s.b[k].WriteString(*s.sep[k])
			s.sz += int64(len(*s.sep[k]))
		}
		x := a[0].Str(i)
		s.b[k].WriteString(x)
		s.sz += int64(len(x))
	}
	return nil
}

func (s *listaggState) Result(ng int) *vec.Vector {
	s.b, s.sep = grow(s.b, ng), grow(s.sep, ng)
	bl := vec.NewBuilder(tV)
	for g := 0; g < ng; g++ {
		if s.sep[g] == nil {
			_ = bl.Append(nil)
		} else {
			_ = bl.Append(s.b[g].String())
		}
	}
	return bl.Vector()
}

func (s *listaggState) Size() int64 { return s.sz + int64(len(s.b))*40 }

// Merge appends other's values after this state's, group by group: without
// WITHIN GROUP the order is unspecified, and with it states are never
// merged (the rows are sorted first).
func (s *listaggState) Merge(other State, into []int32, ng int) error {
	o := other.(*listaggState)
	s.b, s.sep = grow(s.b, ng), grow(s.sep, ng)
	for g := range o.sep {
		if o.sep[g] == nil {
			continue
		}
		t := into[g]
		if s.sep[t] == nil {
			s.sep[t] = o.sep[g]
		} else {
			s.b[t].WriteString(*s.sep[t])
		}
		s.b[t].WriteString(o.b[g].String())
	}
	s.sz += o.sz
	return nil
}
