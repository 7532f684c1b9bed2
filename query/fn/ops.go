package fn

import (
	"cmp"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/query/vec"
)

// Operators are registered under "$" names, which users cannot call:
// $eq $ne $lt $le $gt $ge, $add $sub $mul $div $mod $neg, $concat, $not,
// $like (pattern constant or not), $distinct (IS DISTINCT FROM).

func init() {
	for _, op := range []string{"$eq", "$ne", "$lt", "$le", "$gt", "$ge"} {
		op := op
		register(op, func(args []*vec.Type) (*Scalar, error) { return comparison(op, args) })
	}
	register("$distinct", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 {
			return nil, argErr("IS DISTINCT FROM", args)
		}
		t, ok := vec.Common(args[0], args[1])
		if !ok {
			return nil, argErr("IS DISTINCT FROM", args)
		}
		return &Scalar{Args: []*vec.Type{t, t}, Ret: vec.TBoolean, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: vec.TBoolean, Len: n, B: make([]bool, n)}
			for i := 0; i < n; i++ {
				an, bn := a[0].IsNull(i), a[1].IsNull(i)
				out.B[i] = an != bn || (!an && vec.Compare(a[0], i, a[1], i) != 0)
			}
			return out, nil
		}}, nil
	})
	for _, op := range []string{"$add", "$sub", "$mul", "$div", "$mod"} {
		op := op
		register(op, func(args []*vec.Type) (*Scalar, error) { return arithmetic(op, args) })
	}
	register("$neg", overloads("-",
		fixed("-", vec.TBigint, mapInt(func(x int64) int64 { return -x }), vec.TBigint),
		fixed("-", vec.TDouble, mapFloat(func(x float64) float64 { return -x }), vec.TDouble),
		fixed("-", vec.TIntervalDay, mapIntT(vec.TIntervalDay, func(x int64) int64 { return -x }), vec.TIntervalDay),
	))
	register("$not", fixed("NOT", vec.TBoolean, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: vec.TBoolean, Len: n, B: make([]bool, n), Null: a[0].Null}
		for i, b := range a[0].B {
			out.B[i] = !b
		}
		return out, nil
	}, vec.TBoolean))
	register("$concat", concatResolver("||"))
	register("concat", concatResolver("concat"))
}

func concatResolver(name string) resolver {
	return func(args []*vec.Type) (*Scalar, error) {
		if len(args) < 1 {
			return nil, argErr(name, args)
		}
		for _, a := range args {
			if a.Kind == vec.Array {
				return concatArrays(name, args)
			}
		}
		want := make([]*vec.Type, len(args))
		for i, a := range args {
			if !Coercible(a, vec.TVarchar) && a.Kind != vec.Bigint && a.Kind != vec.Double && a.Kind != vec.Boolean && a.Kind != vec.Date {
				return nil, argErr(name, args)
			}
			want[i] = vec.TVarchar
		}
		return &Scalar{Args: want, Ret: vec.TVarchar, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: vec.TVarchar, Len: n, S: make([]string, n), Null: nullsOf(n, a...)}
			var sb strings.Builder
			for i := 0; i < n; i++ {
				if isNull(out.Null, i) {
					continue
				}
				sb.Reset()
				for _, v := range a {
					sb.WriteString(v.S[i])
				}
				out.S[i] = sb.String()
			}
			return out, nil
		}}, nil
	}
}

// concatArrays is concat over arrays: their elements in order, NULL when
// any argument is. A non-array argument is one element (concat(a, x)).
func concatArrays(name string, args []*vec.Type) (*Scalar, error) {
	var elem *vec.Type
	for _, a := range args {
		t := a
		if a.Kind == vec.Array {
			t = a.Elem
		}
		if elem == nil {
			elem = t
			continue
		}
		c, ok := vec.Common(elem, t)
		if !ok {
			return nil, argErr(name, args)
		}
		elem = c
	}
	at := vec.ArrayOf(elem)
	want := make([]*vec.Type, len(args))
	for i, a := range args {
		want[i] = elem
		if a.Kind == vec.Array {
			want[i] = at
		}
	}
	return &Scalar{Args: want, Ret: at, Eval: rowwise(at, false, func(_ *Ctx, xs []any) (any, error) {
		out := []any{}
		for i, x := range xs {
			if want[i] == at {
				out = append(out, x.([]any)...)
			} else {
				out = append(out, x)
			}
		}
		return out, nil
	})}, nil
}

// CompareTypes is the type two operands of a comparison are compared as.
func CompareTypes(a, b *vec.Type) (*vec.Type, bool) {
	// Athena-isms: a string against a timestamp or date compares as time;
	// a string against a boolean as a boolean (readonly = 'true').
	switch {
	case a.Kind == vec.Timestamp && b.Kind == vec.Varchar, a.Kind == vec.Varchar && b.Kind == vec.Timestamp:
		return vec.TTimestamp, true
	case a.Kind == vec.TimestampTZ && b.Kind == vec.Varchar:
		return a, true
	case a.Kind == vec.Varchar && b.Kind == vec.TimestampTZ:
		return b, true
	case a.Kind == vec.Date && b.Kind == vec.Varchar, a.Kind == vec.Varchar && b.Kind == vec.Date:
		return vec.TDate, true
	case a.Kind == vec.Boolean && b.Kind == vec.Varchar, a.Kind == vec.Varchar && b.Kind == vec.Boolean:
		return vec.TBoolean, true
	}
	return vec.Common(a, b)
}

func comparison(op string, args []*vec.Type) (*Scalar, error) {
	if len(args) != 2 {
		return nil, argErr(op, args)
	}
	t, ok := CompareTypes(args[0], args[1])
	if !ok || (op != "$eq" && op != "$ne" && !t.Orderable()) {
		return nil, fmt.Errorf("%w: cannot compare %s with %s", ErrArgs, args[0], args[1])
	}
	test := map[string]func(int) bool{
		"$eq": func(c int) bool { return c == 0 }, "$ne": func(c int) bool { return c != 0 },
		"$lt": func(c int) bool { return c < 0 }, "$le": func(c int) bool { return c <= 0 },
		"$gt": func(c int) bool { return c > 0 }, "$ge": func(c int) bool { return c >= 0 },
	}[op]
	if (t.Kind == vec.Array || t.Kind == vec.Row) && (op == "$eq" || op == "$ne") {
		// Element by element: false once two elements differ, else NULL
		// if a NULL element leaves it open (Trino's indeterminate equality).
		return &Scalar{Args: []*vec.Type{t, t}, Ret: vec.TBoolean, Eval: rowwise(vec.TBoolean, false, func(_ *Ctx, x []any) (any, error) {
			eq, known := equal3(x[0], x[1], t)
			if !known {
				return nil, nil
			}
			return eq == (op == "$eq"), nil
		})}, nil
	}
	k := func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: vec.TBoolean, Len: n, B: make([]bool, n), Null: nullsOf(n, a[0], a[1])}
		x, y := a[0], a[1]
		switch t.Kind {
		case vec.Varchar, vec.JSON:
			for i := 0; i < n; i++ {
				out.B[i] = test(strings.Compare(x.S[i], y.S[i]))
			}
		case vec.Bigint, vec.Timestamp, vec.TimestampTZ, vec.Date, vec.IntervalDay, vec.IntervalMonth:
			for i := 0; i < n; i++ {
				out.B[i] = test(cmp.Compare(x.I[i], y.I[i]))
			}
		case vec.Double:
			for i := 0; i < n; i++ {
				out.B[i] = test(cmp.Compare(x.F[i], y.F[i]))
			}
		default:
			for i := 0; i < n; i++ {
				if !isNull(out.Null, i) {
					out.B[i] = test(vec.Compare(x, i, y, i))
				}
			}
		}
		return out, nil
	}
	return &Scalar{Args: []*vec.Type{t, t}, Ret: vec.TBoolean, Eval: k}, nil
}

// equal3 is SQL equality of two boxed values of type t: known is false
// when NULLs leave it open.
func equal3(a, b any, t *vec.Type) (eq, known bool) {
	if a == nil || b == nil {
		return false, false
	}
	switch t.Kind {
	case vec.Array, vec.Row:
		xs, ys := a.([]any), b.([]any)
		if len(xs) != len(ys) {
			return false, true
		}
		open := false
		for i := range xs {
			et := t.Elem
			if t.Kind == vec.Row {
				et = t.Fields[i].Type
			}
			e, k := equal3(xs[i], ys[i], et)
			switch {
			case !k:
				open = true
			case !e:
				return false, true
			}
		}
		return !open, !open
	}
	return valueKey(a) == valueKey(b), true
}

// AddInt is x + y, or Trino's error when the sum does not fit a bigint.
func AddInt(x, y int64) (int64, error) {
	r := x + y
	if (x > 0 && y > 0 && r < 0) || (x < 0 && y < 0 && r >= 0) {
		return 0, fmt.Errorf("%w: bigint addition overflow: %d + %d", ErrValue, x, y)
	}
	return r, nil
}

func mapInt(f func(int64) int64) Kernel { return mapIntT(vec.TBigint, f) }

func mapIntT(t *vec.Type, f func(int64) int64) Kernel {
	return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) { return mapInts(a[0], t, n, f), nil }
}

// mapInts is the n values of v, an int64-backed vector, mapped through f
// into a vector of type t with v's NULLs.
func mapInts(v *vec.Vector, t *vec.Type, n int, f func(int64) int64) *vec.Vector {
	out := &vec.Vector{T: t, Len: n, I: make([]int64, n), Null: v.Null}
	for i, x := range v.I {
		out.I[i] = f(x)
	}
	return out
}

func mapFloat(f func(float64) float64) Kernel {
	return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: vec.TDouble, Len: n, F: make([]float64, n), Null: a[0].Null}
		for i, x := range a[0].F {
			out.F[i] = f(x)
		}
		return out, nil
	}
}

func arithmetic(op string, args []*vec.Type) (*Scalar, error) {
	sym := map[string]string{"$add": "+", "$sub": "-", "$mul": "*", "$div": "/", "$mod": "%"}[op]
	if len(args) != 2 {
		return nil, argErr(sym, args)
	}
	a, b := args[0], args[1]
	if a.Kind == vec.Unknown {
		a = b
	}
	if b.Kind == vec.Unknown {
		b = a
	}
	if a.Kind == vec.Unknown {
		a, b = vec.TBigint, vec.TBigint
	}
	int2 := func(t *vec.Type, f func(x, y int64) (int64, error)) *Scalar {
		return &Scalar{Args: []*vec.Type{a, b}, Ret: t, Eval: func(_ *Ctx, v []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: t, Len: n, I: make([]int64, n), Null: nullsOf(n, v[0], v[1])}
			for i := 0; i < n; i++ {
				if isNull(out.Null, i) {
					continue
				}
				r, err := f(v[0].I[i], v[1].I[i])
				if err != nil {
					return nil, err
				}
				out.I[i] = r
			}
			return out, nil
		}}
	}
	switch {
	case a.Kind == vec.Bigint && b.Kind == vec.Bigint:
		return int2(vec.TBigint, func(x, y int64) (int64, error) {
			switch op {
			case "$add":
				return AddInt(x, y)
			case "$sub":
				r := x - y
				if (x >= 0 && y < 0 && r < 0) || (x < 0 && y > 0 && r >= 0) {
					return 0, fmt.Errorf("%w: bigint subtraction overflow: %d - %d", ErrValue, x, y)
				}
				return r, nil
			case "$mul":
				r := x * y
				if x != 0 && (r/x != y || (x == -1 && y == math.MinInt64) || (y == -1 && x == math.MinInt64)) {
					return 0, fmt.Errorf("%w: bigint multiplication overflow: %d * %d", ErrValue, x, y)
				}
				return r, nil
			case "$div":
				if y == 0 {
					return 0, fmt.Errorf("%w: division by zero", ErrValue)
				}
				if x == math.MinInt64 && y == -1 {
					return 0, fmt.Errorf("%w: bigint division overflow: %d / %d", ErrValue, x, y)
				}
				return x / y, nil
			default:
				if y == 0 {
					return 0, fmt.Errorf("%w: division by zero", ErrValue)
				}
				return x % y, nil
			}
		}), nil
	case a.Numeric() && b.Numeric():
		return &Scalar{Args: []*vec.Type{vec.TDouble, vec.TDouble}, Ret: vec.TDouble, Eval: func(_ *Ctx, v []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: vec.TDouble, Len: n, F: make([]float64, n), Null: nullsOf(n, v[0], v[1])}
			x, y := v[0].F, v[1].F
			for i := 0; i < n; i++ {
				switch op {
				case "$add":
					out.F[i] = x[i] + y[i]
				case "$sub":
					out.F[i] = x[i] - y[i]
				case "$mul":
					out.F[i] = x[i] * y[i]
				case "$div":
					out.F[i] = x[i] / y[i]
				default:
					out.F[i] = math.Mod(x[i], y[i])
				}
			}
			return out, nil
		}}, nil
	case a.Kind == vec.Date && b.Kind == vec.IntervalDay && (op == "$add" || op == "$sub"):
		// date ± interval is a date (whole days of the interval).
		return int2(vec.TDate, func(x, y int64) (int64, error) {
			d := floorDiv(y, 86400000)
			if op == "$sub" {
				return x - d, nil
			}
			return x + d, nil
		}), nil
	case (a.Kind == vec.Timestamp || a.Kind == vec.TimestampTZ) && b.Kind == vec.IntervalDay && (op == "$add" || op == "$sub"):
		return int2(a, func(x, y int64) (int64, error) {
			if op == "$sub" {
				return x - y, nil
			}
			return x + y, nil
		}), nil
	case a.Kind == vec.IntervalDay && (b.Kind == vec.Timestamp || b.Kind == vec.TimestampTZ) && op == "$add":
		return int2(b, func(x, y int64) (int64, error) { return x + y, nil }), nil
	case a.Kind == vec.TimestampTZ && b.Kind == vec.IntervalMonth && (op == "$add" || op == "$sub"):
		// Months count on the wall clock of the value's zone.
		loc, err := zoneOf(a.Zone)
		if err != nil {
			return nil, err
		}
		return int2(a, func(x, y int64) (int64, error) {
			if op == "$sub" {
				y = -y
			}
			return instantOf(MillisOf(addMonths(TimeOf(wallOf(x, loc)), int(y))), loc), nil
		}), nil
	case (a.Kind == vec.Timestamp || a.Kind == vec.Date) && b.Kind == vec.IntervalMonth && (op == "$add" || op == "$sub"):
		ret := a
		return int2(ret, func(x, y int64) (int64, error) {
			if op == "$sub" {
				y = -y
			}
			if ret.Kind == vec.Date {
				return DaysOf(addMonths(time.Unix(x*86400, 0).UTC(), int(y))), nil
			}
			return MillisOf(addMonths(TimeOf(x), int(y))), nil
		}), nil
	case a.Kind == vec.Date && b.Kind == vec.Bigint && (op == "$add" || op == "$sub"):
		return int2(vec.TDate, func(x, y int64) (int64, error) {
			if op == "$sub" {
				return x - y, nil
			}
			return x + y, nil
		}), nil
	case (a.Kind == vec.Timestamp || a.Kind == vec.TimestampTZ) && (b.Kind == vec.Timestamp || b.Kind == vec.TimestampTZ) && op == "$sub":
		return int2(vec.TIntervalDay, func(x, y int64) (int64, error) { return x - y, nil }), nil
	case a.Kind == vec.Date && b.Kind == vec.Date && op == "$sub":
		return int2(vec.TIntervalDay, func(x, y int64) (int64, error) { return (x - y) * 86400000, nil }), nil
	case a.Kind == vec.IntervalDay && b.Kind == vec.IntervalDay && (op == "$add" || op == "$sub"):
		return int2(vec.TIntervalDay, func(x, y int64) (int64, error) {
			if op == "$sub" {
				return x - y, nil
			}
			return x + y, nil
		}), nil
	case (a.Kind == vec.IntervalDay || a.Kind == vec.IntervalMonth) && b.Kind == vec.Bigint && op == "$mul":
		return int2(a, func(x, y int64) (int64, error) { return x * y, nil }), nil
	case a.Kind == vec.Bigint && (b.Kind == vec.IntervalDay || b.Kind == vec.IntervalMonth) && op == "$mul":
		return int2(b, func(x, y int64) (int64, error) { return x * y, nil }), nil
	case (a.Kind == vec.IntervalDay && b.Kind == vec.Double || a.Kind == vec.Double && b.Kind == vec.IntervalDay) && (op == "$mul" || op == "$div" && a.Kind == vec.IntervalDay):
		iv, f := 0, 1
		if a.Kind == vec.Double {
			iv, f = 1, 0
		}
		return &Scalar{Args: []*vec.Type{a, b}, Ret: vec.TIntervalDay, Eval: func(_ *Ctx, v []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: vec.TIntervalDay, Len: n, I: make([]int64, n), Null: nullsOf(n, v[0], v[1])}
			for i := 0; i < n; i++ {
				if isNull(out.Null, i) {
					continue
				}
				x := v[f].F[i]
				if op == "$div" {
					if x == 0 {
						return nil, fmt.Errorf("%w: division by zero", ErrValue)
					}
					x = 1 / x
				}
				out.I[i] = int64(math.Round(float64(v[iv].I[i]) * x))
			}
			return out, nil
		}}, nil
	case a.Kind == vec.IntervalDay && b.Kind == vec.Bigint && op == "$div":
		return int2(a, func(x, y int64) (int64, error) {
			if y == 0 {
				return 0, fmt.Errorf("%w: division by zero", ErrValue)
			}
			return int64(math.Round(float64(x) / float64(y))), nil
		}), nil
	}
	return nil, fmt.Errorf("%w: cannot apply %s to %s and %s", ErrArgs, sym, args[0], args[1])
}

// TimeOf is the instant of a timestamp value.
func TimeOf(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// MillisOf is the timestamp value of an instant.
func MillisOf(t time.Time) int64 { return t.UnixMilli() }

// DaysOf is the date value of an instant's UTC day.
func DaysOf(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}
