package fn

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// Array, URL and number functions of Trino that analysts reach for when
// slicing ARNs and resource lists: array_sort, arrays_overlap, slice,
// concat_ws, url_extract_*, truncate.

func init() {
	register("array_sort", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || args[0].Kind != vec.Array || !args[0].Elem.Orderable() {
			return nil, argErr("array_sort", args)
		}
		t := args[0]
		return &Scalar{Args: args, Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			arr := a[0]
			out := &vec.Vector{T: t, Len: n, Off: make([]int32, n+1), Null: nullsOf(n, arr)}
			var idx []int32 // the elements, each row's sorted in place
			for i := 0; i < n; i++ {
				from := len(idx)
				if !arr.IsNull(i) {
					for j := arr.Off[i]; j < arr.Off[i+1]; j++ {
						idx = append(idx, j)
					}
				}
				slices.SortStableFunc(idx[from:], func(x, y int32) int {
					return vec.Compare(arr.Elem, int(x), arr.Elem, int(y)) // NULLs last, as Trino's
				})
				out.Off[i+1] = int32(len(idx))
			}
			out.Elem = arr.Elem.Take(idx)
			return out, nil
		}}, nil
	})
	register("arrays_overlap", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || args[0].Kind != vec.Array || args[1].Kind != vec.Array {
			return nil, argErr("arrays_overlap", args)
		}
		t, ok := vec.Common(args[0].Elem, args[1].Elem)
		if !ok || !t.Orderable() {
			return nil, argErr("arrays_overlap", args)
		}
		at := vec.ArrayOf(t)
		return &Scalar{Args: []*vec.Type{at, at}, Ret: tB, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			x, y := a[0], a[1]
			out := &vec.Vector{T: tB, Len: n, B: make([]bool, n), Null: nullsOf(n, x, y)}
			for i := 0; i < n; i++ {
				if isNull(out.Null, i) {
					continue
				}
				sawNull := false
				for k := y.Off[i]; k < y.Off[i+1]; k++ {
					sawNull = sawNull || y.Elem.IsNull(int(k))
				}
			pairs:
				for j := x.Off[i]; j < x.Off[i+1]; j++ {
					if x.Elem.IsNull(int(j)) {
						sawNull = true
						continue
					}
					for k := y.Off[i]; k < y.Off[i+1]; k++ {
						if !y.Elem.IsNull(int(k)) && vec.Compare(x.Elem, int(j), y.Elem, int(k)) == 0 {
							out.B[i] = true
							break pairs
						}
					}
				}
				if !out.B[i] && sawNull {
					out.SetNull(i) // Trino: NULL when no match but a NULL element
				}
			}
			return out, nil
		}}, nil
	})
	register("slice", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 3 || args[0].Kind != vec.Array || !Coercible(args[1], tI) || !Coercible(args[2], tI) {
			return nil, argErr("slice", args)
		}
		t := args[0]
		return &Scalar{Args: []*vec.Type{t, tI, tI}, Ret: t, Eval: rowwise(t, false, func(_ *Ctx, x []any) (any, error) {
			a, start, length := x[0].([]any), x[1].(int64), x[2].(int64)
			if start == 0 {
				return nil, fmt.Errorf("%w: slice start must not be 0", ErrValue)
			}
			if length < 0 {
				return nil, fmt.Errorf("%w: slice length must not be negative, not %d", ErrValue, length)
			}
			from := start - 1
			if start < 0 {
				from = int64(len(a)) + start
			}
			if from < 0 || from >= int64(len(a)) {
				return []any{}, nil
			}
			to := min(int64(len(a)), from+length)
			return slices.Clone(a[from:to]), nil
		})}, nil
	})
	register("concat_ws", func(args []*vec.Type) (*Scalar, error) {
		if len(args) < 2 || !Coercible(args[0], tV) {
			return nil, argErr("concat_ws", args)
		}
		if len(args) == 2 && args[1].Kind == vec.Array && Coercible(args[1].Elem, tV) {
			at := vec.ArrayOf(tV)
			return &Scalar{Args: []*vec.Type{tV, at}, Ret: tV, Eval: rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
				var parts []string
				for _, e := range x[1].([]any) {
					if e != nil {
						parts = append(parts, e.(string))
					}
				}
				return strings.Join(parts, x[0].(string)), nil
			})}, nil
		}
		want := make([]*vec.Type, len(args))
		for i, a := range args {
			if !Coercible(a, tV) {
				return nil, argErr("concat_ws", args)
			}
			want[i] = tV
		}
		// NULL separator: NULL; NULL strings are skipped.
		return &Scalar{Args: want, Ret: tV, Eval: rowwise(tV, true, func(_ *Ctx, x []any) (any, error) {
			if x[0] == nil {
				return nil, nil
			}
			var parts []string
			for _, e := range x[1:] {
				if e != nil {
					parts = append(parts, e.(string))
				}
			}
			return strings.Join(parts, x[0].(string)), nil
		})}, nil
	})
	for name, part := range map[string]func(u *url.URL) (any, bool){
		"url_extract_host":     func(u *url.URL) (any, bool) { return u.Hostname(), u.Host != "" },
		"url_extract_path":     func(u *url.URL) (any, bool) { return u.EscapedPath(), true },
		"url_extract_protocol": func(u *url.URL) (any, bool) { return u.Scheme, u.Scheme != "" },
		"url_extract_query":    func(u *url.URL) (any, bool) { return u.RawQuery, u.RawQuery != "" || u.ForceQuery },
		"url_extract_fragment": func(u *url.URL) (any, bool) { return u.Fragment, u.Fragment != "" },
	} {
		register(name, fixed(name, tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			u, err := url.Parse(x[0].(string))
			if err != nil {
				return nil, nil // Trino: NULL for text that is not a URI
			}
			if v, ok := part(u); ok {
				return v, nil
			}
			return nil, nil
		}), tV))
	}
	register("url_extract_port", fixed("url_extract_port", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		u, err := url.Parse(x[0].(string))
		if err != nil || u.Port() == "" {
			return nil, nil
		}
		p, err := strconv.ParseInt(u.Port(), 10, 64)
		if err != nil {
			return nil, nil
		}
		return p, nil
	}), tV))
	register("url_extract_parameter", fixed("url_extract_parameter", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
		u, err := url.Parse(x[0].(string))
		if err != nil {
			return nil, nil
		}
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil || !q.Has(x[1].(string)) {
			return nil, nil
		}
		return q.Get(x[1].(string)), nil
	}), tV, tV))
	register("truncate", overloads("truncate",
		fixed("truncate", tD, mapFloat(math.Trunc), tD),
		fixed("truncate", tD, rowwise(tD, false, func(_ *Ctx, x []any) (any, error) {
			f, d := x[0].(float64), x[1].(int64)
			if d > 15 || d < -15 {
				return f, nil
			}
			p := math.Pow10(int(d))
			return math.Trunc(f*p) / p, nil
		}), tD, tI)))
}
