package exec

import (
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// compileLambda evaluates an array lambda (plan.ArrayLambda) over a batch
// at once: the elements of every row's array become one batch, each
// element beside its row's other columns, and the body runs over it.
func compileLambda(fc *fn.Ctx, e *plan.ArrayLambda, l layout) (evaluator, error) {
	arr, err := compile(fc, e.Arr, l)
	if err != nil {
		return nil, err
	}
	w := l.width() // the element comes after the row's columns
	bl := make(layout, len(l)+1)
	for id, p := range l {
		bl[id] = p
	}
	bl[e.Param.ID] = w
	body, err := compile(fc, e.Body, bl)
	if err != nil {
		return nil, err
	}
	return func(b *vec.Batch) (*vec.Vector, error) {
		av, err := arr(b)
		if err != nil {
			return nil, err
		}
		n := b.Len
		var parent, elem []int32 // per element: its row, its index in av.Elem
		for i := 0; i < n; i++ {
			if av.IsNull(i) {
				continue
			}
			for j := av.Off[i]; j < av.Off[i+1]; j++ {
				parent = append(parent, int32(i))
				elem = append(elem, j)
			}
		}
		eb := &vec.Batch{Len: len(parent), Cols: make([]*vec.Vector, w+1)}
		for p := 0; p < w && p < len(b.Cols); p++ {
			if b.Cols[p] != nil {
				eb.Cols[p] = b.Cols[p].Take(parent)
			}
		}
		eb.Cols[w] = av.Elem.Take(elem)
		bv, err := body(eb)
		if err != nil {
			return nil, err
		}
		switch e.Fn {
		case "transform", "filter":
			out := &vec.Vector{T: e.T, Len: n, Off: make([]int32, n+1)}
			filter := e.Fn == "filter"
			var keep []int32 // filter: the elements kept
			k := 0           // next element of bv
			for i := 0; i < n; i++ {
				out.Off[i+1] = out.Off[i]
				if av.IsNull(i) {
					out.SetNull(i)
					continue
				}
				for j := av.Off[i]; j < av.Off[i+1]; j, k = j+1, k+1 {
					if !filter {
						out.Off[i+1]++
					} else if bv.B[k] && !bv.IsNull(k) {
						keep = append(keep, int32(k))
						out.Off[i+1]++
					}
				}
			}
			out.Elem = bv
			if filter {
				out.Elem = eb.Cols[w].Take(keep)
			}
			return out, nil
		default: // any_match, all_match, none_match
			out := vec.New(vec.TBoolean, n)
			k := 0
			for i := 0; i < n; i++ {
				if av.IsNull(i) {
					out.SetNull(i)
					continue
				}
				sawTrue, sawFalse, sawNull := false, false, false
				for j := av.Off[i]; j < av.Off[i+1]; j, k = j+1, k+1 {
					switch {
					case bv.IsNull(k):
						sawNull = true
					case bv.B[k]:
						sawTrue = true
					default:
						sawFalse = true
					}
				}
				var v, decided bool
				switch e.Fn {
				case "any_match":
					v, decided = sawTrue, sawTrue || !sawNull
				case "all_match":
					v, decided = !sawFalse, sawFalse || !sawNull
				case "none_match":
					v, decided = !sawTrue, sawTrue || !sawNull
				}
				if !decided {
					out.SetNull(i)
					continue
				}
				out.B[i] = v
			}
			return out, nil
		}
	}, nil
}
