package fn

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/query/vec"
)

var (
	tT  = vec.TTimestamp
	tDt = vec.TDate
)

func init() {
	// from_iso8601_timestamp of the lake's eventtime (a timestamp, where
	// Athena's is text) is the column itself: the binder drops the call.
	register("from_iso8601_timestamp", fixed("from_iso8601_timestamp", tT, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		return castTimestamp(a[0], n, false)
	}, tV))
	register("from_iso8601_date", fixed("from_iso8601_date", tDt, rowwise(tDt, false, func(_ *Ctx, x []any) (any, error) {
		t, err := time.Parse("2006-01-02", x[0].(string))
		if err != nil {
			return nil, fmt.Errorf("%w: from_iso8601_date(%q)", ErrValue, x[0])
		}
		return DaysOf(t), nil
	}), tV))
	// The DATE form comes first: a date would coerce to a timestamp.
	register("to_iso8601", overloads("to_iso8601",
		zonedOnly(func(z *vec.Type) *Scalar {
			return &Scalar{Args: []*vec.Type{z}, Ret: tV, Eval: rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
				return isoZoned(x[0].(int64), z), nil
			})}
		}),
		fixed("to_iso8601", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			return FormatValue(x[0], tDt), nil
		}), tDt),
		fixed("to_iso8601", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			return TimeOf(x[0].(int64)).Format("2006-01-02T15:04:05.000Z"), nil
		}), tT)))
	// $timestamp_precision(t, p) rounds t half up to p (0 to 2) fractional
	// digits: CAST(t AS TIMESTAMP(p)).
	register("$timestamp_precision", fixed("$timestamp_precision", tT, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tT, Len: n, I: make([]int64, n), Null: nullsOf(n, a...)}
		for i := 0; i < n; i++ {
			if isNull(out.Null, i) {
				continue
			}
			unit := int64(1)
			for p := a[1].I[i]; p < 3; p++ {
				unit *= 10
			}
			out.I[i] = floorDiv(a[0].I[i]+unit/2, unit) * unit
		}
		return out, nil
	}, tT, tI))
	register("$now", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 0 {
			return nil, argErr("now", args)
		}
		return &Scalar{Ret: tT, Volatile: true, Eval: func(c *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) {
			return vec.Const(tT, MillisOf(c.Now), n)
		}}, nil
	})
	register("now", scalars["$now"])
	register("current_timestamp", scalars["$now"])
	register("current_date", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 0 {
			return nil, argErr("current_date", args)
		}
		return &Scalar{Ret: tDt, Volatile: true, Eval: func(c *Ctx, _ []*vec.Vector, n int) (*vec.Vector, error) {
			return vec.Const(tDt, DaysOf(c.Now.UTC()), n)
		}}, nil
	})
	toUnixtime := func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tD, Len: n, F: make([]float64, n), Null: a[0].Null}
		for i, ms := range a[0].I {
			out.F[i] = float64(ms) / 1000
		}
		return out, nil
	}
	register("to_unixtime", overloads("to_unixtime",
		zonedOnly(func(z *vec.Type) *Scalar { return &Scalar{Args: []*vec.Type{z}, Ret: tD, Eval: toUnixtime} }),
		fixed("to_unixtime", tD, toUnixtime, tT)))
	register("from_unixtime", fixed("from_unixtime", tT, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tT, Len: n, I: make([]int64, n), Null: a[0].Null}
		for i, s := range a[0].F {
			out.I[i] = int64(math.Round(s * 1000)) // to the nearest millisecond, as Trino
		}
		return out, nil
	}, tD))
	register("date_trunc", zonedOverload(func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || !Coercible(args[0], tV) || (args[1].Kind != vec.Timestamp && args[1].Kind != vec.Date && !Coercible(args[1], tT)) {
			return nil, argErr("date_trunc", args)
		}
		t := args[1]
		if t.Kind != vec.Date {
			t = tT
		}
		return &Scalar{Args: []*vec.Type{tV, t}, Ret: t, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: t, Len: n, I: make([]int64, n), Null: nullsOf(n, a...)}
			var unit string
			have := false
			var step int64 // a fixed-length unit in this type's values, or 0
			for i := 0; i < n; i++ {
				if isNull(out.Null, i) {
					continue
				}
				if u := a[0].S[i]; !have || u != unit {
					unit, have = u, true
					step = fixedUnit(strings.ToLower(u), t)
				}
				if step > 0 {
					out.I[i] = floorDiv(a[1].I[i], step) * step
					continue
				}
				r, err := truncTime(strings.ToLower(unit), valueTime(a[1].I[i], t))
				if err != nil {
					return nil, err
				}
				out.I[i] = timeValue(r, t).(int64)
			}
			return out, nil
		}}, nil
	}, 1))
	register("date_add", zonedOverload(func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 3 || !Coercible(args[0], tV) || !Coercible(args[1], tI) || (args[2].Kind != vec.Timestamp && args[2].Kind != vec.Date && !Coercible(args[2], tT)) {
			return nil, argErr("date_add", args)
		}
		t := args[2]
		if t.Kind != vec.Date {
			t = tT
		}
		return &Scalar{Args: []*vec.Type{tV, tI, t}, Ret: t, Eval: rowwise(t, false, func(_ *Ctx, x []any) (any, error) {
			ts := valueTime(x[2], t)
			r, err := addTime(strings.ToLower(x[0].(string)), x[1].(int64), ts)
			if err != nil {
				return nil, err
			}
			return timeValue(r, t), nil
		})}, nil
	}, 2))
	register("date_diff", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 3 || !Coercible(args[0], tV) {
			return nil, argErr("date_diff", args)
		}
		t, ok := vec.Common(args[1], args[2])
		if !ok || (t.Kind != vec.Timestamp && t.Kind != vec.Date && !Coercible(t, tT)) {
			return nil, argErr("date_diff", args)
		}
		if t.Kind != vec.Date {
			t = tT
		}
		return &Scalar{Args: []*vec.Type{tV, t, t}, Ret: tI, Eval: rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
			return diffTime(strings.ToLower(x[0].(string)), valueTime(x[1], t), valueTime(x[2], t))
		})}, nil
	})
	register("date_format", fixed("date_format", tV, dateFormat, tT, tV))
	register("format_datetime", fixed("format_datetime", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
		return jodaFormat(TimeOf(x[0].(int64)), x[1].(string))
	}), tT, tV))
	// at_timezone(t, zone) (and t AT TIME ZONE zone): the wall-clock time
	// in zone at instant t, as a timestamp. The lake has no type for a
	// time with its zone, so the value is the local time itself: hour(),
	// date() and date_format() of it are the local ones.
	register("at_timezone", fixed("at_timezone", tT, rowwise(tT, false, func(_ *Ctx, x []any) (any, error) {
		loc, err := zoneOf(x[1].(string))
		if err != nil {
			return nil, err
		}
		t := TimeOf(x[0].(int64))
		_, off := t.In(loc).Zone()
		return x[0].(int64) + int64(off)*1000, nil
	}), tT, tV))
	register("parse_datetime", fixed("parse_datetime", tT, rowwise(tT, false, func(_ *Ctx, x []any) (any, error) {
		t, err := jodaParse(x[0].(string), x[1].(string))
		if err != nil {
			return nil, err
		}
		return MillisOf(t), nil
	}), tV, tV))
	register("date_parse", fixed("date_parse", tT, rowwise(tT, false, func(_ *Ctx, x []any) (any, error) {
		t, err := mysqlParse(x[0].(string), x[1].(string))
		if err != nil {
			return nil, err
		}
		return MillisOf(t), nil
	}), tV, tV))
	register("date", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || !CanCast(args[0], tDt) {
			return nil, argErr("date", args)
		}
		k, err := Cast(args[0], tDt, false)
		if err != nil {
			return nil, err
		}
		return &Scalar{Args: args, Ret: tDt, Eval: k}, nil
	})
	for _, f := range []string{"year", "quarter", "month", "week", "day", "day_of_month", "day_of_week", "dow", "day_of_year", "doy", "hour", "minute", "second", "millisecond", "year_of_week", "yow", "week_of_year"} {
		f := f
		register(f, func(args []*vec.Type) (*Scalar, error) {
			if len(args) != 1 {
				return nil, argErr(f, args)
			}
			t := args[0]
			if t.Kind != vec.Date {
				if !Coercible(t, tT) {
					return nil, argErr(f, args)
				}
				t = tT
			}
			return &Scalar{Args: []*vec.Type{t}, Ret: tI, Eval: rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
				return Field(f, valueTime(x[0], t))
			})}, nil
		})
	}
}

// castTimestamp parses strings into timestamps.
func castTimestamp(v *vec.Vector, n int, try bool) (*vec.Vector, error) {
	out := &vec.Vector{T: tT, Len: n, I: make([]int64, n)}
	if v.Null != nil {
		out.Null = append([]bool(nil), v.Null...)
	}
	for i := 0; i < n; i++ {
		if v.IsNull(i) {
			continue
		}
		t, ok := ParseTimestamp(v.S[i])
		if !ok {
			if try {
				out.SetNull(i)
				continue
			}
			return nil, fmt.Errorf("%w: %q is not an ISO 8601 timestamp", ErrValue, v.S[i])
		}
		out.I[i] = MillisOf(t)
	}
	return out, nil
}

func valueTime(x any, t *vec.Type) time.Time {
	if t.Kind == vec.Date {
		return time.Unix(x.(int64)*86400, 0).UTC()
	}
	return TimeOf(x.(int64))
}

func timeValue(x time.Time, t *vec.Type) any {
	if t.Kind == vec.Date {
		return DaysOf(x)
	}
	return MillisOf(x)
}

func unitErr(unit string) error {
	return fmt.Errorf("%w: unknown time unit %q (use millisecond, second, minute, hour, day, week, month, quarter or year)", ErrValue, unit)
}

func truncTime(unit string, t time.Time) (time.Time, error) {
	y, m, d := t.Date()
	switch unit {
	case "millisecond":
		return t, nil
	case "second":
		return t.Truncate(time.Second), nil
	case "minute":
		return t.Truncate(time.Minute), nil
	case "hour":
		return t.Truncate(time.Hour), nil
	case "day":
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	case "week":
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return time.Date(y, m, d-wd, 0, 0, 0, 0, time.UTC), nil
	case "month":
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), nil
	case "quarter":
		return time.Date(y, (m-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC), nil
	case "year":
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	return t, unitErr(unit)
}

func addTime(unit string, n int64, t time.Time) (time.Time, error) {
	switch unit {
	case "millisecond":
		return t.Add(time.Duration(n) * time.Millisecond), nil
	case "second":
		return t.Add(time.Duration(n) * time.Second), nil
	case "minute":
		return t.Add(time.Duration(n) * time.Minute), nil
	case "hour":
		return t.Add(time.Duration(n) * time.Hour), nil
	case "day":
		return t.AddDate(0, 0, int(n)), nil
	case "week":
		return t.AddDate(0, 0, 7*int(n)), nil
	case "month":
		return addMonths(t, int(n)), nil
	case "quarter":
		return addMonths(t, 3*int(n)), nil
	case "year":
		return addMonths(t, 12*int(n)), nil
	}
	return t, unitErr(unit)
}

// addMonths adds months, clamping the day to the end of a shorter month
// (Trino: 2024-01-31 + 1 month = 2024-02-29).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1)
}

func diffTime(unit string, a, b time.Time) (any, error) {
	ms := b.Sub(a).Milliseconds()
	switch unit {
	case "millisecond":
		return ms, nil
	case "second":
		return ms / 1000, nil
	case "minute":
		return ms / 60000, nil
	case "hour":
		return ms / 3600000, nil
	case "day":
		return ms / 86400000, nil
	case "week":
		return ms / (7 * 86400000), nil
	case "month", "quarter", "year":
		months := int64(b.Year()-a.Year())*12 + int64(b.Month()-a.Month())
		// A partial month does not count (Trino counts whole months).
		if months > 0 && addMonths(a, int(months)).After(b) {
			months--
		} else if months < 0 && addMonths(a, int(months)).Before(b) {
			months++
		}
		switch unit {
		case "quarter":
			return months / 3, nil
		case "year":
			return months / 12, nil
		}
		return months, nil
	}
	return nil, unitErr(unit)
}

// Field extracts a calendar field, as EXTRACT and year(), hour() ... do.
func Field(f string, t time.Time) (any, error) {
	switch f {
	case "year":
		return int64(t.Year()), nil
	case "quarter":
		return int64((t.Month()-1)/3 + 1), nil
	case "month":
		return int64(t.Month()), nil
	case "week", "week_of_year":
		_, w := t.ISOWeek()
		return int64(w), nil
	case "year_of_week", "yow":
		y, _ := t.ISOWeek()
		return int64(y), nil
	case "day", "day_of_month":
		return int64(t.Day()), nil
	case "day_of_week", "dow":
		return int64((int(t.Weekday())+6)%7 + 1), nil // Monday 1 … Sunday 7
	case "day_of_year", "doy":
		return int64(t.YearDay()), nil
	case "hour":
		return int64(t.Hour()), nil
	case "minute":
		return int64(t.Minute()), nil
	case "second":
		return int64(t.Second()), nil
	case "millisecond":
		return int64(t.Nanosecond() / 1e6), nil
	}
	return nil, fmt.Errorf("%w: unknown field %q", ErrValue, f)
}

// dateFormat is date_format's kernel. A format's text changes only with
// the finest field it shows (formatUnit), so rows in the same unit as the
// row before (event times come sorted) reuse its text.
func dateFormat(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
	ts, fs := a[0], a[1]
	out := vec.New(tV, n)
	var last string
	lastKey, lastFmt, unit := int64(0), "", int64(0)
	have := false
	for i := 0; i < n; i++ {
		if ts.IsNull(i) || fs.IsNull(i) {
			out.SetNull(i)
			continue
		}
		f := fs.Str(i)
		if !have || f != lastFmt {
			unit, lastFmt, have = formatUnit(f), f, false
		}
		key := ts.I[i]
		if unit > 1 {
			key = floorDiv(key, unit)
		}
		if !have || key != lastKey {
			s, err := mysqlFormat(TimeOf(ts.I[i]), f)
			if err != nil {
				return nil, err
			}
			last, lastKey, have = s, key, true
		}
		out.S[i] = last
	}
	return out, nil
}

// formatUnit returns the span in milliseconds within which a MySQL-style
// format's text cannot change: an hour when it shows no minutes, seconds
// or fractions, a minute without seconds, a second without fractions;
// else 1.
func formatUnit(f string) int64 {
	unit := int64(3600000)
	for i := 0; i+1 < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		switch f[i] {
		case 'i':
			unit = min(unit, 60000)
		case 's', 'S', 'T', 'r':
			unit = min(unit, 1000)
		case 'f':
			return 1
		}
	}
	return unit
}

// mysqlFormat implements date_format's MySQL-style specifiers.
func mysqlFormat(t time.Time, f string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 == len(f) {
			b.WriteByte(f[i])
			continue
		}
		i++
		switch f[i] {
		case 'Y':
			fmt.Fprintf(&b, "%04d", t.Year())
		case 'y':
			fmt.Fprintf(&b, "%02d", t.Year()%100)
		case 'm':
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case 'c':
			fmt.Fprintf(&b, "%d", int(t.Month()))
		case 'd':
			fmt.Fprintf(&b, "%02d", t.Day())
		case 'e':
			fmt.Fprintf(&b, "%d", t.Day())
		case 'H':
			fmt.Fprintf(&b, "%02d", t.Hour())
		case 'k':
			fmt.Fprintf(&b, "%d", t.Hour())
		case 'h', 'I':
			fmt.Fprintf(&b, "%02d", (t.Hour()+11)%12+1)
		case 'l':
			fmt.Fprintf(&b, "%d", (t.Hour()+11)%12+1)
		case 'i':
			fmt.Fprintf(&b, "%02d", t.Minute())
		case 's', 'S':
			fmt.Fprintf(&b, "%02d", t.Second())
		case 'f':
			fmt.Fprintf(&b, "%06d", t.Nanosecond()/1000)
		case 'p':
			if t.Hour() < 12 {
				b.WriteString("AM")
			} else {
				b.WriteString("PM")
			}
		case 'T':
			b.WriteString(t.Format("15:04:05"))
		case 'r':
			b.WriteString(t.Format("03:04:05 PM"))
		case 'a':
			b.WriteString(t.Format("Mon"))
		case 'W':
			b.WriteString(t.Format("Monday"))
		case 'b':
			b.WriteString(t.Format("Jan"))
		case 'M':
			b.WriteString(t.Format("January"))
		case 'j':
			fmt.Fprintf(&b, "%03d", t.YearDay())
		case 'v': // ISO week: Monday first, with %x
			_, w := t.ISOWeek()
			fmt.Fprintf(&b, "%02d", w)
		case 'x':
			y, _ := t.ISOWeek()
			fmt.Fprintf(&b, "%04d", y)
		case '%':
			b.WriteByte('%')
		default:
			return "", fmt.Errorf("%w: date_format specifier %%%c is not supported", ErrValue, f[i])
		}
	}
	return b.String(), nil
}

// mysqlParse implements date_parse for the numeric specifiers.
func mysqlParse(s, f string) (time.Time, error) {
	bad := func() (time.Time, error) {
		return time.Time{}, fmt.Errorf("%w: %q does not match date_parse format %q", ErrValue, s, f)
	}
	y, mo, d, h, mi, sec, frac := 1970, 1, 1, 0, 0, 0, 0
	pm, yday := -1, 0
	j := 0
	// name reads one of names (case-insensitive, the longest that fits)
	// and returns its index.
	name := func(names []string) (int, bool) {
		best, at := -1, 0
		for k, nm := range names {
			if len(nm) > len(best0(names, best)) && j+len(nm) <= len(s) && strings.EqualFold(s[j:j+len(nm)], nm) {
				best, at = k, len(nm)
			}
		}
		if best < 0 {
			return 0, false
		}
		j += at
		return best, true
	}
	num := func(max int) (int, bool) {
		k := j
		for k < len(s) && k-j < max && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == j {
			return 0, false
		}
		n, _ := strconv.Atoi(s[j:k])
		j = k
		return n, true
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 == len(f) {
			if j >= len(s) || s[j] != f[i] {
				return bad()
			}
			j++
			continue
		}
		i++
		var ok bool
		switch f[i] {
		case 'Y':
			y, ok = num(4)
		case 'y':
			// Two-digit years are 1970 to 2069, as Trino reads them.
			y, ok = num(2)
			if y < 70 {
				y += 2000
			} else {
				y += 1900
			}
		case 'm', 'c':
			mo, ok = num(2)
		case 'b', 'M': // a month's name, short or full (joda.go's list)
			mo, ok = name(monthNames)
			mo = mo%12 + 1
		case 'a', 'W':
			_, ok = name(weekdayNames)
		case 'j':
			yday, ok = num(3)
			ok = ok && yday >= 1 && yday <= 366
		case 'd', 'e':
			d, ok = num(2)
		case 'H', 'k', 'h', 'I', 'l':
			h, ok = num(2)
		case 'i':
			mi, ok = num(2)
		case 's', 'S':
			sec, ok = num(2)
		case 'f':
			st := j
			frac, ok = num(9)
			for k := j - st; k < 9; k++ {
				frac *= 10
			}
		case 'p':
			if j+2 <= len(s) {
				switch strings.ToUpper(s[j : j+2]) {
				case "AM":
					pm, ok = 0, true
				case "PM":
					pm, ok = 1, true
				}
				j += 2
			}
		case 'T':
			h, ok = num(2)
			if ok && j < len(s) && s[j] == ':' {
				j++
				mi, ok = num(2)
				if ok && j < len(s) && s[j] == ':' {
					j++
					sec, ok = num(2)
				}
			}
		case '%':
			ok = j < len(s) && s[j] == '%'
			j++
		default:
			return time.Time{}, fmt.Errorf("%w: date_parse specifier %%%c is not supported", ErrValue, f[i])
		}
		if !ok {
			return bad()
		}
	}
	if j != len(s) {
		return bad()
	}
	if pm == 1 && h < 12 {
		h += 12
	} else if pm == 0 && h == 12 {
		h = 0
	}
	if yday > 0 {
		mo, d = 1, yday
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, frac, time.UTC)
	// A field out of its range is an error, as in Trino, not a carry into
	// the next field (month 13, February 30, hour 25).
	if h > 23 || mi > 59 || sec > 59 || mo < 1 || mo > 12 || d < 1 || yday == 0 && t.Day() != d || yday > 0 && t.Year() != y {
		return bad()
	}
	return t, nil
}

// best0 is names[k], or "" for k < 0.
func best0(names []string, k int) string {
	if k < 0 {
		return ""
	}
	return names[k]
}

// zoneOf reads a time zone: an IANA name (America/New_York), UTC, or an
// offset (+05:30, -08:00).
func zoneOf(z string) (*time.Location, error) {
	loc, err := vec.LoadZone(z)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrValue, err)
	}
	return loc, nil
}

// TruncStep is the length of a date_trunc unit over timestamps in
// milliseconds, for the units that are plain arithmetic (up to day); 0
// otherwise.
func TruncStep(unit string) int64 { return fixedUnit(strings.ToLower(unit), tT) }

// fixedUnit is the length of unit in values of t (milliseconds for a
// timestamp, days for a date) when truncation to it is plain arithmetic,
// else 0 (weeks, months, quarters, years, unknown units).
func fixedUnit(unit string, t *vec.Type) int64 {
	if t.Kind == vec.Date {
		if unit == "day" {
			return 1
		}
		return 0
	}
	switch unit {
	case "millisecond":
		return 1
	case "second":
		return 1000
	case "minute":
		return 60000
	case "hour":
		return 3600000
	case "day":
		return 86400000
	}
	return 0
}
