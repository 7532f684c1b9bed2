package fn

import (
	"fmt"
	"math"
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// commonOf is the common type of all args, or false.
func commonOf(args []*vec.Type) (*vec.Type, bool) {
	t := vec.TUnknown
	for _, a := range args {
		var ok bool
		if t, ok = vec.Common(t, a); !ok {
			return nil, false
		}
	}
	return t, true
}

func repeat(t *vec.Type, n int) []*vec.Type {
	out := make([]*vec.Type, n)
	for i := range out {
		out[i] = t
	}
	return out
}

func init() {
	register("coalesce", func(args []*vec.Type) (*Scalar, error) {
		t, ok := commonOf(args)
		if !ok || len(args) == 0 {
			return nil, argErr("coalesce", args)
		}
		return &Scalar{Args: repeat(t, len(args)), Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			idx := make([]int32, n)
			pick := make([]int, n)
			for i := 0; i < n; i++ {
				pick[i] = -1
				for j, v := range a {
					if !v.IsNull(i) {
						pick[i] = j
						break
					}
				}
			}
			return choose(t, a, pick, idx), nil
		}}, nil
	})
	register("if", func(args []*vec.Type) (*Scalar, error) {
		if len(args) < 2 || len(args) > 3 || !Coercible(args[0], tB) {
			return nil, argErr("if", args)
		}
		els := vec.TUnknown
		if len(args) == 3 {
			els = args[2]
		}
		t, ok := vec.Common(args[1], els)
		if !ok {
			return nil, argErr("if", args)
		}
		want := []*vec.Type{tB, t}
		if len(args) == 3 {
			want = append(want, t)
		}
		return &Scalar{Args: want, Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			pick := make([]int, n)
			for i := 0; i < n; i++ {
				switch {
				case !a[0].IsNull(i) && a[0].B[i]:
					pick[i] = 0
				case len(a) == 3:
					pick[i] = 1
				default:
					pick[i] = -1
				}
			}
			return choose(t, a[1:], pick, make([]int32, n)), nil
		}}, nil
	})
	register("nullif", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 {
			return nil, argErr("nullif", args)
		}
		t, ok := CompareTypes(args[0], args[1])
		if !ok {
			return nil, argErr("nullif", args)
		}
		return &Scalar{Args: []*vec.Type{t, t}, Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			pick := make([]int, n)
			for i := 0; i < n; i++ {
				if !a[0].IsNull(i) && !a[1].IsNull(i) && vec.Compare(a[0], i, a[1], i) == 0 {
					pick[i] = -1
				}
			}
			return choose(t, a[:1], pick, make([]int32, n)), nil
		}}, nil
	})
	for _, name := range []string{"greatest", "least"} {
		name := name
		register(name, func(args []*vec.Type) (*Scalar, error) {
			t, ok := commonOf(args)
			if !ok || len(args) == 0 || !t.Orderable() {
				return nil, argErr(name, args)
			}
			return &Scalar{Args: repeat(t, len(args)), Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
				pick := make([]int, n)
				for i := 0; i < n; i++ {
					best := 0
					for j := range a {
						if a[j].IsNull(i) {
							best = -1
							break
						}
						c := vec.Compare(a[j], i, a[best], i)
						if (name == "greatest" && c > 0) || (name == "least" && c < 0) {
							best = j
						}
					}
					pick[i] = best
				}
				return choose(t, a, pick, make([]int32, n)), nil
			}}, nil
		})
	}
	register("abs", overloads("abs",
		fixed("abs", tI, mapInt(func(x int64) int64 {
			if x < 0 {
				return -x
			}
			return x
		}), tI),
		fixed("abs", tD, mapFloat(math.Abs), tD)))
	for name, f := range map[string]func(float64) float64{"floor": math.Floor, "ceil": math.Ceil, "ceiling": math.Ceil} {
		register(name, overloads(name, fixed(name, tI, mapInt(func(x int64) int64 { return x }), tI), fixed(name, tD, mapFloat(f), tD)))
	}
	for name, f := range map[string]func(float64) float64{"sqrt": math.Sqrt, "ln": math.Log, "log10": math.Log10, "log2": math.Log2, "exp": math.Exp} {
		register(name, fixed(name, tD, mapFloat(f), tD))
	}
	register("power", fixed("power", tD, rowwise(tD, false, func(_ *Ctx, x []any) (any, error) {
		return math.Pow(x[0].(float64), x[1].(float64)), nil
	}), tD, tD))
	register("pow", scalars["power"])
	roundHalfUp := func(f float64, d int64) float64 {
		p := math.Pow(10, float64(d))
		return math.Round(f*p) / p
	}
	register("round", overloads("round",
		fixed("round", tI, mapInt(func(x int64) int64 { return x }), tI),
		fixed("round", tD, mapFloat(func(f float64) float64 { return math.Round(f) }), tD),
		fixed("round", tD, rowwise(tD, false, func(_ *Ctx, x []any) (any, error) { return roundHalfUp(x[0].(float64), x[1].(int64)), nil }), tD, tI)))
	register("mod", func(args []*vec.Type) (*Scalar, error) { return arithmetic("$mod", args) })
	register("cardinality", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || args[0].Kind != vec.Array {
			return nil, argErr("cardinality", args)
		}
		return &Scalar{Args: args, Ret: tI, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: tI, Len: n, I: make([]int64, n), Null: a[0].Null}
			for i := 0; i < n; i++ {
				out.I[i] = int64(a[0].Off[i+1] - a[0].Off[i])
			}
			return out, nil
		}}, nil
	})
	register("element_at", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || args[0].Kind != vec.Array || !Coercible(args[1], tI) {
			return nil, argErr("element_at", args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tI}, Ret: args[0].Elem, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			return subscript(a[0], a[1], n, false)
		}}, nil
	})
	register("$subscript", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || args[0].Kind != vec.Array || !Coercible(args[1], tI) {
			return nil, argErr("[]", args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tI}, Ret: args[0].Elem, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			return subscript(a[0], a[1], n, true)
		}}, nil
	})
	register("contains", func(args []*vec.Type) (*Scalar, error) {
		if len(args) == 2 && args[0].Kind == vec.Varchar && Coercible(args[1], tV) {
			return &Scalar{Args: []*vec.Type{tV, tV}, Ret: tB, Eval: cidrContains}, nil
		}
		if len(args) != 2 || args[0].Kind != vec.Array {
			return nil, argErr("contains", args)
		}
		t, ok := vec.Common(args[0].Elem, args[1])
		if !ok {
			return nil, argErr("contains", args)
		}
		return &Scalar{Args: []*vec.Type{vec.ArrayOf(t), t}, Ret: tB, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: tB, Len: n, B: make([]bool, n), Null: nullsOf(n, a...)}
			for i := 0; i < n; i++ {
				if isNull(out.Null, i) {
					continue
				}
				sawNull := false
				for j := a[0].Off[i]; j < a[0].Off[i+1]; j++ {
					if a[0].Elem.IsNull(int(j)) {
						sawNull = true
					} else if vec.Compare(a[0].Elem, int(j), a[1], i) == 0 {
						out.B[i] = true
						break
					}
				}
				if !out.B[i] && sawNull {
					out.SetNull(i)
				}
			}
			return out, nil
		}}, nil
	})
	register("array_join", func(args []*vec.Type) (*Scalar, error) {
		if len(args) < 2 || len(args) > 3 || args[0].Kind != vec.Array {
			return nil, argErr("array_join", args)
		}
		want := []*vec.Type{args[0], tV}
		if len(args) == 3 {
			want = append(want, tV)
		}
		return &Scalar{Args: want, Ret: tV, Eval: rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			var parts []string
			for _, e := range x[0].([]any) {
				if e == nil {
					if len(x) == 3 {
						parts = append(parts, x[2].(string))
					}
					continue
				}
				parts = append(parts, FormatValue(e, args[0].Elem))
			}
			return strings.Join(parts, x[1].(string)), nil
		})}, nil
	})
	register("array_distinct", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || args[0].Kind != vec.Array {
			return nil, argErr("array_distinct", args)
		}
		t := args[0]
		return &Scalar{Args: args, Ret: t, Eval: rowwise(t, false, func(_ *Ctx, x []any) (any, error) {
			seen := map[string]bool{}
			var out []any
			for _, e := range x[0].([]any) {
				k := fmt.Sprintf("%T:%v", e, e)
				if !seen[k] {
					seen[k] = true
					out = append(out, e)
				}
			}
			if out == nil {
				out = []any{}
			}
			return out, nil
		})}, nil
	})
	// $try is try(x): the planner binds it and the executor evaluates its
	// argument so that a row whose evaluation fails with ErrValue is NULL
	// (see Try). Its kernel alone is the identity.
	register(Try, func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 {
			return nil, argErr("try", args)
		}
		return &Scalar{Args: args, Ret: args[0], Eval: func(_ *Ctx, a []*vec.Vector, _ int) (*vec.Vector, error) {
			return a[0], nil
		}}, nil
	})
	register("typeof", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 {
			return nil, argErr("typeof", args)
		}
		name := args[0].String()
		return &Scalar{Args: args, Ret: tV, Eval: func(_ *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) {
			return vec.Const(tV, name, n)
		}}, nil
	})
}

// Try is the name of try(x) as a bound function. Evaluators of a call to
// it must make NULL of each row whose argument fails with ErrValue
// (division by zero, a failed cast, an invalid argument), as Trino's try
// does; other errors still fail the query.
const Try = "$try"

// ZipRows returns the kernel that zips parallel arrays into an array of
// rows with the given field names: how the lake's resources_* lists become
// Athena's resources, array(row(arn, accountid, type)).
func ZipRows(names []string, elems []*vec.Type) *Scalar {
	fields := make([]vec.Field, len(names))
	args := make([]*vec.Type, len(names))
	for i := range names {
		fields[i] = vec.Field{Name: names[i], Type: elems[i]}
		args[i] = vec.ArrayOf(elems[i])
	}
	rt := vec.RowOf(fields...)
	ret := vec.ArrayOf(rt)
	return &Scalar{Name: "$zip_rows", Args: args, Ret: ret, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: ret, Len: n, Off: make([]int32, n+1)}
		// Element j of row i is the j-th of each list (NULL past a shorter
		// list's end); a row is NULL only when every list is NULL.
		var idx [][]int32 = make([][]int32, len(a))
		total := int32(0)
		for i := 0; i < n; i++ {
			l, allNull := int32(0), true
			for _, v := range a {
				if !v.IsNull(i) {
					allNull = false
					if m := v.Off[i+1] - v.Off[i]; m > l {
						l = m
					}
				}
			}
			if allNull {
				out.SetNull(i)
			}
			for k, v := range a {
				for j := int32(0); j < l; j++ {
					if !v.IsNull(i) && v.Off[i]+j < v.Off[i+1] {
						idx[k] = append(idx[k], v.Off[i]+j)
					} else {
						idx[k] = append(idx[k], -1)
					}
				}
			}
			total += l
			out.Off[i+1] = total
		}
		row := &vec.Vector{T: rt, Len: int(total), Fields: make([]*vec.Vector, len(a))}
		for k, v := range a {
			row.Fields[k] = v.Elem.Take(idx[k])
		}
		out.Elem = row
		return out, nil
	}}
}

// RowField returns the kernel reading field i of a row. Its Param is
// ".name", or "[i]" (from 1) where the name is empty or not unique.
func RowField(t *vec.Type, i int) *Scalar {
	param := "." + t.Fields[i].Name
	for j, f := range t.Fields {
		if t.Fields[i].Name == "" || (j != i && f.Name == t.Fields[i].Name) {
			param = fmt.Sprintf("[%d]", i+1)
			break
		}
	}
	return &Scalar{Name: "$field", Param: param, Args: []*vec.Type{t}, Ret: t.Fields[i].Type, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		f := a[0].Fields[i]
		if a[0].Null == nil {
			return f, nil
		}
		cp := *f
		cp.Null = nullsOf(n, a[0], f)
		return &cp, nil
	}}
}

// MakeRow returns the kernel building a row from its fields.
func MakeRow(t *vec.Type) *Scalar {
	args := make([]*vec.Type, len(t.Fields))
	for i, f := range t.Fields {
		args[i] = f.Type
	}
	return &Scalar{Name: "$row", Args: args, Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		return &vec.Vector{T: t, Len: n, Fields: append([]*vec.Vector(nil), a...)}, nil
	}}
}

// MakeArray returns the kernel building array[e1, ...] of elem type t.
func MakeArray(t *vec.Type, k int) *Scalar {
	ret := vec.ArrayOf(t)
	return &Scalar{Name: "$array", Args: repeat(t, k), Ret: ret, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: ret, Len: n, Off: make([]int32, n+1)}
		idx := make([]int32, 0, n*k)
		parts := make([]*vec.Vector, 0, k)
		for j := range a {
			parts = append(parts, a[j])
		}
		all := vec.Concat(t, parts) // element j of row i is at j*n+i
		for i := 0; i < n; i++ {
			for j := 0; j < k; j++ {
				idx = append(idx, int32(j*n+i))
			}
			out.Off[i+1] = int32((i + 1) * k)
		}
		out.Elem = all.Take(idx)
		return out, nil
	}}
}

func subscript(arr, ix *vec.Vector, n int, strict bool) (*vec.Vector, error) {
	idx := make([]int32, n)
	for i := 0; i < n; i++ {
		idx[i] = -1
		if arr.IsNull(i) || ix.IsNull(i) {
			continue
		}
		l := int64(arr.Off[i+1] - arr.Off[i])
		k := ix.I[i]
		if k < 0 && !strict {
			k = l + k + 1
		}
		if k < 1 || k > l {
			if strict {
				return nil, fmt.Errorf("%w: array subscript %d out of bounds (1..%d)", ErrValue, ix.I[i], l)
			}
			continue
		}
		idx[i] = arr.Off[i] + int32(k-1)
	}
	return arr.Elem.Take(idx), nil
}

// choose builds a vector taking row i from a[pick[i]] (NULL when -1).
func choose(t *vec.Type, a []*vec.Vector, pick []int, idx []int32) *vec.Vector {
	n := len(pick)
	// Concatenate the candidates and take from the stack.
	all := vec.Concat(t, a)
	for i := 0; i < n; i++ {
		if pick[i] < 0 {
			idx[i] = -1
		} else {
			idx[i] = int32(pick[i]*n + i)
		}
	}
	return all.Take(idx)
}
