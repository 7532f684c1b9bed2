package fn

import (
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/query/vec"
)

// Timestamps with a time zone (t AT TIME ZONE 'Asia/Tokyo'): the values are
// instants, as for timestamps, and the type names the zone they are shown
// in. Where a plain timestamp is expected (hour, date_format, date_diff)
// one coerces to its wall clock in that zone; to_unixtime, to_iso8601,
// comparisons, sorting and interval arithmetic use the instant; date_trunc
// and date_add work on the wall clock and give a time in the same zone.

// AtTimeZone is the kernel of t AT TIME ZONE zone for a zone known when
// planning: the same instant, shown in zone (a plain timestamp for UTC).
// from is a timestamp with or without a zone.
func AtTimeZone(from *vec.Type, zone string) (*Scalar, error) {
	if _, err := zoneOf(zone); err != nil {
		return nil, err
	}
	ret := vec.TimestampIn(zone)
	if isUTC(zone) {
		ret = tT
	}
	return &Scalar{Name: "at_timezone", Param: "[" + zone + "]", Args: []*vec.Type{from}, Ret: ret, Eval: func(_ *Ctx, a []*vec.Vector, _ int) (*vec.Vector, error) {
		cp := *a[0]
		cp.T = ret
		return &cp, nil
	}}, nil
}

func isUTC(zone string) bool {
	return strings.EqualFold(zone, "UTC") || zone == "Z" || zone == "+00:00" || strings.EqualFold(zone, "GMT")
}

// wallOf is the wall clock, as milliseconds read as UTC, of instant ms in loc.
func wallOf(ms int64, loc *time.Location) int64 {
	_, off := time.UnixMilli(ms).In(loc).Zone()
	return ms + int64(off)*1000
}

// instantOf is the instant whose wall clock in loc is wall (for a wall
// clock that occurs twice or not at all, the one time.Date picks).
func instantOf(wall int64, loc *time.Location) int64 {
	t := time.UnixMilli(wall).UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc).UnixMilli()
}

// toWall is CAST(timestamp with time zone AS timestamp): the wall clock.
func toWall(z *vec.Type) Kernel {
	return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		loc, err := zoneOf(z.Zone)
		if err != nil {
			return nil, err
		}
		return mapInts(a[0], tT, n, func(ms int64) int64 { return wallOf(ms, loc) }), nil
	}
}

// zonedWall wraps s, a function of a plain timestamp in argument i that
// returns a timestamp, into the same function of a timestamp in zone z:
// it runs on the wall clock and its result is read back in z.
func zonedWall(s *Scalar, i int, z *vec.Type) *Scalar {
	args := append([]*vec.Type(nil), s.Args...)
	args[i] = z
	return &Scalar{Name: s.Name, Args: args, Ret: z, Volatile: s.Volatile, Eval: func(c *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		loc, err := zoneOf(z.Zone)
		if err != nil {
			return nil, err
		}
		in := append([]*vec.Vector(nil), a...)
		in[i] = mapInts(a[i], tT, n, func(ms int64) int64 { return wallOf(ms, loc) })
		out, err := s.Eval(c, in, n)
		if err != nil {
			return nil, err
		}
		return mapInts(out, z, n, func(wall int64) int64 { return instantOf(wall, loc) }), nil
	}}
}

// zonedOverload is resolver r with a timestamp with time zone accepted in
// argument i: functions that take apart the wall clock and return a time
// (date_trunc, date_add) give a time in the same zone.
func zonedOverload(r resolver, i int) resolver {
	return func(args []*vec.Type) (*Scalar, error) {
		if i >= len(args) || args[i].Kind != vec.TimestampTZ {
			return r(args)
		}
		plain := append([]*vec.Type(nil), args...)
		plain[i] = tT
		s, err := r(plain)
		if err != nil {
			return nil, err
		}
		if s.Ret.Kind != vec.Timestamp {
			return nil, argErr(s.Name, args)
		}
		return zonedWall(s, i, args[i]), nil
	}
}

// formatZoned is Trino's text of a timestamp with time zone.
func formatZoned(ms int64, z *vec.Type) string {
	return vec.TimeIn(ms, z.Zone).Format("2006-01-02 15:04:05.000 ") + z.Zone
}

// isoZoned is to_iso8601 of a timestamp with time zone: its offset.
func isoZoned(ms int64, z *vec.Type) string {
	return vec.TimeIn(ms, z.Zone).Format("2006-01-02T15:04:05.000Z07:00")
}

// zonedOnly is a resolver for one timestamp-with-time-zone argument.
func zonedOnly(build func(z *vec.Type) *Scalar) resolver {
	return func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || args[0].Kind != vec.TimestampTZ {
			return nil, argErr("", args)
		}
		return build(args[0]), nil
	}
}

// WithTimeZone is with_timezone(t, zone): the instant whose wall clock in
// zone is the plain timestamp t, as a timestamp with time zone.
func WithTimeZone(zone string) (*Scalar, error) {
	loc, err := zoneOf(zone)
	if err != nil {
		return nil, err
	}
	ret := vec.TimestampIn(zone)
	return &Scalar{Name: "with_timezone", Param: "[" + zone + "]", Args: []*vec.Type{tT}, Ret: ret, Eval: func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		return mapInts(a[0], ret, n, func(wall int64) int64 { return instantOf(wall, loc) }), nil
	}}, nil
}
