package fn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// More of Trino's array, JSON, URL and number functions, boxed row by row:
// array_remove, flatten, concat of arrays, json_array_get, url_encode,
// url_decode, width_bucket, to_milliseconds, split with a limit,
// translate, random, zip and current_timezone. Each follows Trino's answer for NULLs and bounds.

func init() {
	register("array_remove", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || args[0].Kind != vec.Array {
			return nil, argErr("array_remove", args)
		}
		t, ok := vec.Common(args[0].Elem, args[1])
		if !ok {
			return nil, argErr("array_remove", args)
		}
		at := vec.ArrayOf(t)
		return &Scalar{Args: []*vec.Type{at, t}, Ret: at, Eval: rowwise(at, false, func(_ *Ctx, x []any) (any, error) {
			drop := valueKey(x[1])
			out := []any{}
			for _, e := range x[0].([]any) {
				// NULL elements stay: they are not known to equal x.
				if e == nil || valueKey(e) != drop {
					out = append(out, e)
				}
			}
			return out, nil
		})}, nil
	})

	register("flatten", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || args[0].Kind != vec.Array || args[0].Elem.Kind != vec.Array {
			return nil, argErr("flatten", args)
		}
		ret := args[0].Elem
		return &Scalar{Args: args, Ret: ret, Eval: rowwise(ret, false, func(_ *Ctx, x []any) (any, error) {
			out := []any{}
			for _, inner := range x[0].([]any) {
				if inner != nil { // a NULL inner array adds nothing
					out = append(out, inner.([]any)...)
				}
			}
			return out, nil
		})}, nil
	})

	register("json_array_get", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || !(args[0].Stringy() || args[0].Kind == vec.Unknown) || !Coercible(args[1], tI) {
			return nil, argErr("json_array_get", args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tI}, Ret: vec.TJSON, Eval: rowwise(vec.TJSON, false, func(_ *Ctx, x []any) (any, error) {
			doc, idx := x[0].(string), x[1].(int64)
			i := skipWS(doc, 0)
			if i >= len(doc) || doc[i] != '[' {
				return nil, nil // not an array: NULL, as for text that is not JSON
			}
			if idx < 0 {
				n, ok := jsonArrayLen(doc, i)
				if !ok {
					return nil, nil
				}
				idx += int64(n)
			}
			if idx < 0 || idx > math.MaxInt32 {
				return nil, nil
			}
			at := findIndex(doc, i, int(idx))
			if at < 0 {
				return nil, nil
			}
			end := skipValue(doc, at)
			if end < 0 {
				return nil, nil
			}
			return compactJSON([]byte(doc[at:end])), nil
		})}, nil
	})

	register("url_encode", fixed("url_encode", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
		return formEncode(x[0].(string)), nil
	}), tV))
	register("url_decode", fixed("url_decode", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
		s, err := url.QueryUnescape(x[0].(string))
		if err != nil {
			return nil, fmt.Errorf("%w: url_decode: %v", ErrValue, err)
		}
		return s, nil
	}), tV))

	register("width_bucket", fixed("width_bucket", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		v, lo, hi, n := x[0].(float64), x[1].(float64), x[2].(float64), x[3].(int64)
		return widthBucket(v, lo, hi, n)
	}), tD, tD, tD, tI))

	register("to_milliseconds", fixed("to_milliseconds", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		return x[0].(int64), nil // day-to-second intervals are held in milliseconds
	}), vec.TIntervalDay))

	// zip(a, b, ...): the arrays' elements side by side as rows of
	// anonymous fields, NULL past a shorter array's end; NULL when any
	// array is.
	register("zip", func(args []*vec.Type) (*Scalar, error) {
		if len(args) < 2 || len(args) > 5 {
			return nil, argErr("zip", args)
		}
		elems := make([]*vec.Type, len(args))
		for i, a := range args {
			switch a.Kind {
			case vec.Array:
				elems[i] = a.Elem
			case vec.Unknown: // a NULL: the result is NULL
				elems[i] = vec.TUnknown
			default:
				return nil, argErr("zip", args)
			}
		}
		z := ZipRows(make([]string, len(args)), elems)
		return &Scalar{Args: z.Args, Ret: z.Ret, Eval: func(c *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out, err := z.Eval(c, a, n)
			if err != nil {
				return nil, err
			}
			for i := 0; i < n; i++ {
				for _, v := range a {
					if v.IsNull(i) {
						out.SetNull(i)
					}
				}
			}
			return out, nil
		}}, nil
	})

	register("translate", fixed("translate", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
		return translate(x[0].(string), x[1].(string), x[2].(string)), nil
	}), tV, tV, tV))

	// random() in [0, 1), random(n) in [0, n); not folded, one per row.
	randomDouble := func(_ *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tD, Len: n, F: make([]float64, n)}
		for i := range out.F {
			out.F[i] = rand.Float64()
		}
		return out, nil
	}
	randomInt := func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tI, Len: n, I: make([]int64, n), Null: a[0].Null}
		for i, m := range a[0].I {
			if a[0].IsNull(i) {
				continue
			}
			if m <= 0 {
				return nil, fmt.Errorf("%w: random: bound must be positive", ErrValue)
			}
			out.I[i] = rand.Int64N(m)
		}
		return out, nil
	}
	random := func(args []*vec.Type) (*Scalar, error) {
		switch {
		case len(args) == 0:
			return &Scalar{Ret: tD, Volatile: true, PerRow: true, Eval: randomDouble}, nil
		case len(args) == 1 && Coercible(args[0], tI):
			return &Scalar{Args: []*vec.Type{tI}, Ret: tI, Volatile: true, PerRow: true, Eval: randomInt}, nil
		}
		return nil, argErr("random", args)
	}
	register("random", random)
	register("rand", random)

	register("current_timezone", fixed("current_timezone", tV, func(_ *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) {
		return vec.Const(tV, "UTC", n) // every session here is in UTC
	}))
}

// valueKey is a comparable key of a boxed value of one type, equal for
// equal values (also for arrays and rows, which == cannot compare).
func valueKey(x any) string { return fmt.Sprintf("%T\x00%v", x, x) }

// jsonArrayLen counts the elements of the JSON array starting at doc[i].
func jsonArrayLen(doc string, i int) (int, bool) {
	i = skipWS(doc, i+1)
	n := 0
	for i < len(doc) && doc[i] != ']' {
		if i = skipValue(doc, i); i < 0 {
			return 0, false
		}
		n++
		i = skipWS(doc, i)
		if i < len(doc) && doc[i] == ',' {
			i = skipWS(doc, i+1)
		}
	}
	return n, i < len(doc)
}

// formEncode is Trino's url_encode (Java's URLEncoder): letters, digits
// and ".-*_" stay, a space becomes '+', every other byte of the UTF-8 text
// is %XX.
func formEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '-', c == '*', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// widthBucket is Trino's width_bucket(x, bound1, bound2, n): the bucket of
// n equal-width buckets between the bounds holding x, 0 below the first
// and n + 1 past the last (the bounds may be given in either order).
func widthBucket(v, lo, hi float64, n int64) (any, error) {
	switch {
	case n <= 0:
		return nil, fmt.Errorf("%w: width_bucket: bucketCount must be greater than 0", ErrValue)
	case math.IsNaN(v) || math.IsNaN(lo) || math.IsNaN(hi):
		return nil, fmt.Errorf("%w: width_bucket: operand, bound1 and bound2 must not be NaN", ErrValue)
	case math.IsInf(lo, 0) || math.IsInf(hi, 0):
		return nil, fmt.Errorf("%w: width_bucket: first bound and second bound must be finite", ErrValue)
	case lo == hi:
		return nil, fmt.Errorf("%w: width_bucket: bounds cannot equal each other", ErrValue)
	}
	if lo < hi {
		switch {
		case v < lo:
			return int64(0), nil
		case v >= hi:
			return n + 1, nil
		}
		return int64(float64(n)*(v-lo)/(hi-lo)) + 1, nil
	}
	switch {
	case v > lo:
		return int64(0), nil
	case v <= hi:
		return n + 1, nil
	}
	return int64(float64(n)*(lo-v)/(lo-hi)) + 1, nil
}

// translate replaces each character of s found in from by the one at the
// same place in to, or drops it when to is shorter; the first occurrence of
// a character in from counts.
func translate(s, from, to string) string {
	f, t := []rune(from), []rune(to)
	m := map[rune]int{}
	for i, r := range f {
		if _, ok := m[r]; !ok {
			m[r] = i
		}
	}
	var b strings.Builder
	for _, r := range s {
		i, ok := m[r]
		switch {
		case !ok:
			b.WriteRune(r)
		case i < len(t):
			b.WriteRune(t[i])
		}
	}
	return b.String()
}
