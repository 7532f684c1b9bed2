package fn

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/query/vec"
)

// CanCast reports whether CAST(from AS to) is defined.
func CanCast(from, to *vec.Type) bool {
	if from.Equal(to) || from.Kind == vec.Unknown || to.Kind == vec.Varchar {
		return from.Kind != vec.Row || to.Kind != vec.Varchar
	}
	switch to.Kind {
	case vec.Bigint, vec.Double:
		return from.Numeric() || from.Stringy() || from.Kind == vec.Boolean
	case vec.Boolean:
		return from.Numeric() || from.Stringy()
	case vec.Timestamp, vec.TimestampTZ:
		return from.Stringy() || from.Kind == vec.Date || from.Kind == vec.Timestamp || from.Kind == vec.TimestampTZ
	case vec.Date:
		return from.Stringy() || from.Kind == vec.Timestamp || from.Kind == vec.TimestampTZ
	case vec.JSON:
		return from.Kind != vec.Row
	case vec.Array:
		return (from.Kind == vec.Array && CanCast(from.Elem, to.Elem)) || from.Kind == vec.JSON
	}
	return false
}

// Cast returns a kernel converting one argument of type from into to. With
// try, a value that does not convert becomes NULL; without, it is an error
// naming the value.
func Cast(from, to *vec.Type, try bool) (Kernel, error) {
	if !CanCast(from, to) {
		return nil, fmt.Errorf("%w: cannot cast %s to %s", ErrArgs, from, to)
	}
	if from.Equal(to) {
		return func(_ *Ctx, a []*vec.Vector, _ int) (*vec.Vector, error) { return a[0], nil }, nil
	}
	if from.Kind == vec.Unknown {
		return func(_ *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) { return vec.Nulls(to, n), nil }, nil
	}
	// Fast paths.
	switch {
	case from.Kind == vec.Bigint && to.Kind == vec.Double:
		return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: vec.TDouble, Len: n, F: make([]float64, n), Null: a[0].Null}
			for i, x := range a[0].I {
				out.F[i] = float64(x)
			}
			return out, nil
		}, nil
	case from.Kind == vec.TimestampTZ && to.Kind == vec.Timestamp:
		return toWall(from), nil
	case from.Kind == vec.TimestampTZ && to.Kind == vec.Date:
		wall := toWall(from)
		return func(c *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			w, err := wall(c, a, n)
			if err != nil {
				return nil, err
			}
			return mapInts(w, vec.TDate, n, func(ms int64) int64 { return floorDiv(ms, 86400000) }), nil
		}, nil
	case from.Kind == vec.Date && to.Kind == vec.TimestampTZ:
		return mapIntT(to, func(d int64) int64 { return d * 86400000 }), nil
	case (from.Kind == vec.Timestamp || from.Kind == vec.TimestampTZ) && to.Kind == vec.TimestampTZ:
		// The same instant (a plain timestamp is UTC's wall clock).
		return func(_ *Ctx, a []*vec.Vector, _ int) (*vec.Vector, error) {
			cp := *a[0]
			cp.T = to
			return &cp, nil
		}, nil
	case from.Kind == vec.Date && to.Kind == vec.Timestamp:
		return mapIntT(vec.TTimestamp, func(d int64) int64 { return d * 86400000 }), nil
	case from.Kind == vec.Timestamp && to.Kind == vec.Date:
		return mapIntT(vec.TDate, func(ms int64) int64 { return floorDiv(ms, 86400000) }), nil
	case from.Kind == vec.JSON && to.Kind == vec.Varchar:
		return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			// The mask is copied: TRY_CAST sets more NULLs than the input has.
			out := &vec.Vector{T: vec.TVarchar, Len: n, S: make([]string, n), Null: append([]bool(nil), a[0].Null...)}
			for i, s := range a[0].S {
				if a[0].IsNull(i) {
					continue
				}
				// CAST(json AS varchar) gives a JSON string's value, and
				// the text of other scalars.
				var x any
				if err := json.Unmarshal([]byte(s), &x); err == nil {
					switch x := x.(type) {
					case string:
						out.S[i] = x
						continue
					case map[string]any, []any:
						if !try {
							return nil, fmt.Errorf("%w: cannot cast json %.40q to varchar", ErrValue, s)
						}
						out.SetNull(i)
						continue
					}
				}
				out.S[i] = s
			}
			return out, nil
		}, nil
	}
	return rowwise(to, false, func(_ *Ctx, xs []any) (any, error) {
		y, err := castValue(xs[0], from, to)
		if err != nil {
			if try {
				return nil, nil
			}
			return nil, err
		}
		return y, nil
	}), nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// castValue converts one non-NULL boxed value.
func castValue(x any, from, to *vec.Type) (any, error) {
	bad := func() error {
		return fmt.Errorf("%w: cannot cast %s %s to %s", ErrValue, from, quoteValue(x, from), to)
	}
	switch to.Kind {
	case vec.Varchar:
		if from.Kind == vec.JSON {
			// As the vector cast: a JSON string's value, other scalars'
			// text, NULL for null; an array or object does not cast.
			var v any
			if err := json.Unmarshal([]byte(x.(string)), &v); err == nil {
				switch v := v.(type) {
				case nil:
					return nil, nil
				case string:
					return v, nil
				case map[string]any, []any:
					return nil, bad()
				}
			}
			return strings.TrimSpace(x.(string)), nil
		}
		return FormatValue(x, from), nil
	case vec.JSON:
		return jsonText(x, from), nil
	case vec.Bigint:
		switch from.Kind {
		case vec.Double:
			f := x.(float64)
			if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 9.2e18 {
				return nil, bad()
			}
			return int64(math.Round(f)), nil // half away from zero, as Trino
		case vec.Boolean:
			if x.(bool) {
				return int64(1), nil
			}
			return int64(0), nil
		case vec.Varchar, vec.JSON:
			n, err := strconv.ParseInt(strings.TrimSpace(x.(string)), 10, 64)
			if err != nil {
				return nil, bad()
			}
			return n, nil
		}
	case vec.Double:
		switch from.Kind {
		case vec.Boolean:
			if x.(bool) {
				return 1.0, nil
			}
			return 0.0, nil
		case vec.Varchar, vec.JSON:
			f, err := strconv.ParseFloat(strings.TrimSpace(x.(string)), 64)
			if err != nil {
				return nil, bad()
			}
			return f, nil
		}
	case vec.Boolean:
		switch from.Kind {
		case vec.Bigint:
			return x.(int64) != 0, nil
		case vec.Double:
			return x.(float64) != 0, nil
		case vec.Varchar, vec.JSON:
			switch strings.ToLower(strings.TrimSpace(x.(string))) {
			case "true", "t", "1":
				return true, nil
			case "false", "f", "0":
				return false, nil
			}
			return nil, bad()
		}
	case vec.Timestamp, vec.TimestampTZ:
		if from.Stringy() {
			t, ok := ParseTimestamp(x.(string))
			if !ok {
				return nil, bad()
			}
			return MillisOf(t), nil
		}
	case vec.Date:
		if from.Stringy() {
			s := strings.TrimSpace(x.(string))
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				return nil, bad()
			}
			return DaysOf(t), nil
		}
	case vec.Array:
		if from.Kind == vec.JSON {
			var xs []any
			if err := json.Unmarshal([]byte(x.(string)), &xs); err != nil {
				return nil, bad()
			}
			out := make([]any, len(xs))
			for i, e := range xs {
				y, err := castValue(jsonText(e, nil), vec.TJSON, to.Elem)
				if err != nil {
					return nil, err
				}
				if e == nil {
					y = nil
				}
				out[i] = y
			}
			return out, nil
		}
		xs := x.([]any)
		out := make([]any, len(xs))
		for i, e := range xs {
			if e == nil {
				continue
			}
			y, err := castValue(e, from.Elem, to.Elem)
			if err != nil {
				return nil, err
			}
			out[i] = y
		}
		return out, nil
	}
	return nil, bad()
}

func quoteValue(x any, t *vec.Type) string {
	s := FormatValue(x, t)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(s)
}

// ParseTimestamp reads the timestamp forms analysts write: 2024-03-14,
// 2024-03-14 10:00:00[.fff], 2024-03-14T10:00:00[.fff]Z, with an optional
// zone (Z, UTC, ±HH:MM); a time without a zone is UTC.
func ParseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, " UTC")
	layouts := []string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999 Z07:00",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04",
		"2006-01-02 15:04",
		"2006-01-02T15",
		"2006-01-02 15",
		"2006-01-02",
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// FormatValue renders a non-NULL boxed value of type t as CAST(x AS
// varchar) does.
func FormatValue(x any, t *vec.Type) string {
	if x == nil {
		return "NULL"
	}
	switch t.Kind {
	case vec.Boolean:
		if x.(bool) {
			return "true"
		}
		return "false"
	case vec.Bigint:
		return strconv.FormatInt(x.(int64), 10)
	case vec.Double:
		return FormatDouble(x.(float64))
	case vec.Varchar, vec.JSON:
		return x.(string)
	case vec.Timestamp:
		return TimeOf(x.(int64)).Format("2006-01-02 15:04:05.000")
	case vec.TimestampTZ:
		return formatZoned(x.(int64), t)
	case vec.Date:
		return time.Unix(x.(int64)*86400, 0).UTC().Format("2006-01-02")
	case vec.IntervalDay:
		return formatIntervalDay(x.(int64))
	case vec.IntervalMonth:
		m := x.(int64)
		sign := ""
		if m < 0 {
			sign, m = "-", -m
		}
		return fmt.Sprintf("%s%d-%d", sign, m/12, m%12)
	case vec.Array:
		xs := x.([]any)
		parts := make([]string, len(xs))
		for i, e := range xs {
			parts[i] = FormatValue(e, t.Elem)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case vec.Row:
		xs := x.([]any)
		parts := make([]string, len(xs))
		for i, e := range xs {
			parts[i] = FormatValue(e, t.Fields[i].Type)
			if t.Fields[i].Name != "" {
				parts[i] = t.Fields[i].Name + "=" + parts[i]
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(x)
}

// FormatDouble renders a double as Trino does: plain for moderate
// magnitudes, exponent form otherwise.
func FormatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	a := math.Abs(f)
	if a != 0 && (a >= 1e7 || a < 1e-3) {
		// Java's Double.toString, as Trino prints: 1.0E7, 1.0E-4.
		m, e, _ := strings.Cut(strconv.FormatFloat(f, 'E', -1, 64), "E")
		if !strings.Contains(m, ".") {
			m += ".0"
		}
		exp, _ := strconv.Atoi(e)
		return m + "E" + strconv.Itoa(exp)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func formatIntervalDay(ms int64) string {
	sign := ""
	if ms < 0 {
		sign, ms = "-", -ms
	}
	d := ms / 86400000
	ms %= 86400000
	return fmt.Sprintf("%s%d %02d:%02d:%02d.%03d", sign, d, ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// jsonText renders a boxed value as JSON text; t nil means x came from
// encoding/json.
func jsonText(x any, t *vec.Type) string {
	if t != nil && t.Kind == vec.JSON {
		return x.(string)
	}
	if t != nil && (t.Kind == vec.Timestamp || t.Kind == vec.TimestampTZ) {
		x = FormatValue(x, t)
	}
	b, err := json.Marshal(x)
	if err != nil {
		return "null"
	}
	return string(b)
}
