package fn

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// Array, URL and number functions of Trino that analysts reach for when
// slicing ARNs and resource lists: array_sort, arrays_overlap, slice,
// concat_ws, url_extract_*, truncate.

func init() {
	register("array_sort", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || args[0].Kind != vec.Array || !orderable(args[0].Elem) {
			return nil, argErr("array_sort", args)
		}
		t := args[0]
		return &Scalar{Args: args, Ret: t, Eval: rowwise(t, false, func(_ *Ctx, x []any) (any, error) {
			out := slices.Clone(x[0].([]any))
			slices.SortStableFunc(out, compareBoxed) // NULLs last, as Trino's
			if out == nil {
				out = []any{}
			}
			return out, nil
		})}, nil
	})
	register("arrays_overlap", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || args[0].Kind != vec.Array || args[1].Kind != vec.Array {
			return nil, argErr("arrays_overlap", args)
		}
		t, ok := vec.Common(args[0].Elem, args[1].Elem)
		if !ok || !orderable(t) {
			return nil, argErr("arrays_overlap", args)
		}
		at := vec.ArrayOf(t)
		return &Scalar{Args: []*vec.Type{at, at}, Ret: tB, Eval: rowwise(tB, false, func(_ *Ctx, x []any) (any, error) {
			a, b := x[0].([]any), x[1].([]any)
			sawNull := false
			for _, e := range a {
				if e == nil {
					sawNull = true
					continue
				}
				for _, f := range b {
					if f == nil {
						sawNull = true
					} else if compareBoxed(e, f) == 0 {
						return true, nil
					}
				}
			}
			if sawNull || slices.Contains(b, nil) {
				return nil, nil // Trino: NULL when no match but a NULL element
			}
			return false, nil
		})}, nil
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
		var p int64
		for _, c := range u.Port() {
			p = p*10 + int64(c-'0')
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

// orderable reports whether compareBoxed orders values of t.
func orderable(t *vec.Type) bool {
	switch t.Kind {
	case vec.Boolean, vec.Bigint, vec.Double, vec.Varchar, vec.Timestamp, vec.Date, vec.Unknown:
		return true
	}
	return false
}

// compareBoxed orders boxed scalar values (as Vector.Get returns them) of
// one type; NULL sorts after every value.
func compareBoxed(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	switch a := a.(type) {
	case int64:
		return cmp.Compare(a, b.(int64))
	case float64:
		return cmp.Compare(a, b.(float64))
	case string:
		return strings.Compare(a, b.(string))
	case bool:
		switch {
		case a == b.(bool):
			return 0
		case !a:
			return -1
		}
		return 1
	}
	return 0
}
