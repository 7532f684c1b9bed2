package fn

import (
	"fmt"
	"math"
	"math/bits"
	"time"
	"unicode/utf8"

	"github.com/trailhouse/trailhouse/query/vec"
)

// Less common Trino functions, boxed row by row (they are off the hot
// path): math (sign, cbrt, log(b, x), pi, e), bitwise, arrays (array_max,
// array_min, array_position, array_union, array_except, array_intersect),
// strings (strpos with an instance, levenshtein_distance,
// hamming_distance), regular expressions (regexp_count, regexp_position,
// regexp_split) and dates (last_day_of_month).

func init() {
	register("sign", overloads("sign",
		fixed("sign", tI, mapInt(func(x int64) int64 {
			switch {
			case x > 0:
				return 1
			case x < 0:
				return -1
			}
			return 0
		}), tI),
		fixed("sign", tD, mapFloat(func(x float64) float64 {
			switch {
			case x > 0:
				return 1
			case x < 0:
				return -1
			}
			return x // 0, -0 or NaN
		}), tD)))
	register("cbrt", fixed("cbrt", tD, mapFloat(math.Cbrt), tD))
	register("log", fixed("log", tD, rowwise(tD, false, func(_ *Ctx, x []any) (any, error) {
		return math.Log(x[1].(float64)) / math.Log(x[0].(float64)), nil
	}), tD, tD))
	register("pi", fixed("pi", tD, func(_ *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) { return vec.Const(tD, math.Pi, n) }))
	register("e", fixed("e", tD, func(_ *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) { return vec.Const(tD, math.E, n) }))

	for name, f := range map[string]func(x, y int64) int64{
		"bitwise_and": func(x, y int64) int64 { return x & y },
		"bitwise_or":  func(x, y int64) int64 { return x | y },
		"bitwise_xor": func(x, y int64) int64 { return x ^ y },
		"bitwise_left_shift": func(x, y int64) int64 {
			if y < 0 || y > 63 {
				return 0
			}
			return x << y
		},
		"bitwise_right_shift": func(x, y int64) int64 {
			if y < 0 || y > 63 {
				return 0
			}
			return int64(uint64(x) >> y)
		},
	} {
		f := f
		register(name, fixed(name, tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
			return f(x[0].(int64), x[1].(int64)), nil
		}), tI, tI))
	}
	register("bitwise_not", fixed("bitwise_not", tI, mapInt(func(x int64) int64 { return ^x }), tI))
	register("bit_count", fixed("bit_count", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		v, n := x[0].(int64), x[1].(int64)
		if n < 2 || n > 64 {
			return nil, fmt.Errorf("%w: bit_count: bits must be 2 to 64, not %d", ErrValue, n)
		}
		if n < 64 && (v >= 1<<(n-1) || v < -(1<<(n-1))) {
			return nil, fmt.Errorf("%w: bit_count: %d does not fit in %d bits", ErrValue, v, n)
		}
		u := uint64(v)
		if n < 64 {
			u &= 1<<n - 1
		}
		return int64(bits.OnesCount64(u)), nil
	}), tI, tI))

	for _, name := range []string{"array_max", "array_min"} {
		name := name
		register(name, func(args []*vec.Type) (*Scalar, error) {
			if len(args) != 1 || args[0].Kind != vec.Array || !args[0].Elem.Orderable() {
				return nil, argErr(name, args)
			}
			t := args[0].Elem
			return &Scalar{Args: args, Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
				b := vec.NewBuilder(t)
				v := a[0]
				for i := 0; i < n; i++ {
					best := -1
					null := v.IsNull(i)
					for j := int(v.Off[i]); !null && j < int(v.Off[i+1]); j++ {
						if v.Elem.IsNull(j) {
							null = true // Trino: a NULL element makes the answer NULL
							break
						}
						if best < 0 {
							best = j
							continue
						}
						c := vec.Compare(v.Elem, j, v.Elem, best)
						if name == "array_max" && c > 0 || name == "array_min" && c < 0 {
							best = j
						}
					}
					if null || best < 0 {
						_ = b.Append(nil)
					} else if err := b.Append(v.Elem.Get(best)); err != nil {
						return nil, err
					}
				}
				return b.Vector(), nil
			}}, nil
		})
	}
	register("array_position", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || args[0].Kind != vec.Array {
			return nil, argErr("array_position", args)
		}
		t, ok := vec.Common(args[0].Elem, args[1])
		if !ok {
			return nil, argErr("array_position", args)
		}
		return &Scalar{Args: []*vec.Type{vec.ArrayOf(t), t}, Ret: tI, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: tI, Len: n, I: make([]int64, n), Null: nullsOf(n, a...)}
			for i := 0; i < n; i++ {
				if isNull(out.Null, i) {
					continue
				}
				for j := a[0].Off[i]; j < a[0].Off[i+1]; j++ {
					if !a[0].Elem.IsNull(int(j)) && vec.Compare(a[0].Elem, int(j), a[1], i) == 0 {
						out.I[i] = int64(j-a[0].Off[i]) + 1
						break
					}
				}
			}
			return out, nil
		}}, nil
	})
	for _, name := range []string{"array_union", "array_except", "array_intersect"} {
		name := name
		register(name, func(args []*vec.Type) (*Scalar, error) {
			if len(args) != 2 || args[0].Kind != vec.Array || args[1].Kind != vec.Array {
				return nil, argErr(name, args)
			}
			t, ok := vec.Common(args[0].Elem, args[1].Elem)
			if !ok {
				return nil, argErr(name, args)
			}
			at := vec.ArrayOf(t)
			return &Scalar{Args: []*vec.Type{at, at}, Ret: at, Eval: rowwise(at, false, func(_ *Ctx, x []any) (any, error) {
				return setOp(name, x[0].([]any), x[1].([]any), t), nil
			})}, nil
		})
	}

	register("levenshtein_distance", fixed("levenshtein_distance", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		return int64(EditDistance(x[0].(string), x[1].(string))), nil
	}), tV, tV))
	register("hamming_distance", fixed("hamming_distance", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		a, b := []rune(x[0].(string)), []rune(x[1].(string))
		if len(a) != len(b) {
			return nil, fmt.Errorf("%w: hamming_distance: the strings must have the same length", ErrValue)
		}
		d := int64(0)
		for i := range a {
			if a[i] != b[i] {
				d++
			}
		}
		return d, nil
	}), tV, tV))

	register("regexp_count", fixed("regexp_count", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		re, err := compileRegex(x[1].(string))
		if err != nil {
			return nil, err
		}
		return int64(len(re.FindAllStringIndex(x[0].(string), -1))), nil
	}), tV, tV))
	regexpPosition := func(_ *Ctx, x []any) (any, error) {
		s := x[0].(string)
		re, err := compileRegex(x[1].(string))
		if err != nil {
			return nil, err
		}
		start, occ := int64(1), int64(1)
		if len(x) > 2 {
			start = x[2].(int64)
		}
		if len(x) > 3 {
			occ = x[3].(int64)
		}
		if start < 1 || occ < 1 {
			return nil, fmt.Errorf("%w: regexp_position: start and occurrence must be positive", ErrValue)
		}
		// start counts characters from 1.
		off := 0
		for k := int64(1); k < start && off < len(s); k++ {
			_, w := utf8.DecodeRuneInString(s[off:])
			off += w
		}
		if start > 1 && off >= len(s) {
			return int64(-1), nil
		}
		ms := re.FindAllStringIndex(s[off:], -1)
		if int64(len(ms)) < occ {
			return int64(-1), nil
		}
		return int64(utf8.RuneCountInString(s[:off+ms[occ-1][0]]) + 1), nil
	}
	register("regexp_position", overloads("regexp_position",
		fixed("regexp_position", tI, rowwise(tI, false, regexpPosition), tV, tV),
		fixed("regexp_position", tI, rowwise(tI, false, regexpPosition), tV, tV, tI),
		fixed("regexp_position", tI, rowwise(tI, false, regexpPosition), tV, tV, tI, tI)))
	at := vec.ArrayOf(tV)
	register("regexp_split", fixed("regexp_split", at, rowwise(at, false, func(_ *Ctx, x []any) (any, error) {
		re, err := compileRegex(x[1].(string))
		if err != nil {
			return nil, err
		}
		parts := re.Split(x[0].(string), -1)
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out, nil
	}), tV, tV))

	register("last_day_of_month", overloads("last_day_of_month",
		fixed("last_day_of_month", tDt, mapIntT(tDt, func(d int64) int64 {
			t := time.Unix(d*86400, 0).UTC()
			return DaysOf(time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC))
		}), tDt),
		fixed("last_day_of_month", tDt, mapIntT(tDt, func(ms int64) int64 {
			t := TimeOf(ms)
			return DaysOf(time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC))
		}), tT)))
}

// setOp is array_union, array_except or array_intersect of a and b: the
// distinct elements, in order of first appearance.
func setOp(name string, a, b []any, t *vec.Type) []any {
	key := func(x any) string { return fmt.Sprintf("%T\x00%v", x, x) }
	inB := map[string]bool{}
	for _, x := range b {
		inB[key(x)] = true
	}
	seen := map[string]bool{}
	out := []any{}
	add := func(x any) {
		if k := key(x); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	for _, x := range a {
		switch name {
		case "array_union":
			add(x)
		case "array_except":
			if !inB[key(x)] {
				add(x)
			}
		case "array_intersect":
			if inB[key(x)] {
				add(x)
			}
		}
	}
	if name == "array_union" {
		for _, x := range b {
			add(x)
		}
	}
	return out
}

// EditDistance is the Levenshtein distance between a and b, in characters
// (levenshtein_distance; the planner's "did you mean").
func EditDistance(as, bs string) int {
	a, b := []rune(as), []rune(bs)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// geometric_mean(x): exp of the mean of ln(x) over the non-NULL values.
func init() {
	aggregates["geometric_mean"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) != 1 || !args[0].Numeric() {
			return nil, argErr("geometric_mean", args)
		}
		return &Aggregate{Args: []*vec.Type{tD}, Ret: tD, New: func() State { return &geoState{} }}, nil
	}
}

type geoState struct {
	n   []int64
	sum []float64
}

func (s *geoState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.n, s.sum = grow(s.n, ng), grow(s.sum, ng)
	for i, k := range g {
		if k >= 0 && !a[0].IsNull(i) {
			s.n[k]++
			s.sum[k] += math.Log(a[0].F[i])
		}
	}
	return nil
}

func (s *geoState) Result(ng int) *vec.Vector {
	s.n, s.sum = grow(s.n, ng), grow(s.sum, ng)
	out := vec.New(tD, ng)
	for g := 0; g < ng; g++ {
		if s.n[g] == 0 {
			out.SetNull(g)
			continue
		}
		out.F[g] = math.Exp(s.sum[g] / float64(s.n[g]))
	}
	return out
}

func (s *geoState) Size() int64 { return int64(len(s.n)) * 16 }

func (s *geoState) Merge(other State, into []int32, ng int) error {
	o := other.(*geoState)
	s.n, s.sum = grow(s.n, ng), grow(s.sum, ng)
	for g := range o.n {
		s.n[into[g]] += o.n[g]
		s.sum[into[g]] += o.sum[g]
	}
	return nil
}
