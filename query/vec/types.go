package vec

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones on machines without a zone database
)

// Kind is the kind of a SQL type.
type Kind uint8

const (
	// Unknown is the type of a bare NULL; it coerces to any type.
	Unknown Kind = iota
	Boolean
	Bigint
	Double
	Varchar
	// JSON is JSON text (json_extract's result); stored as strings.
	JSON
	// Timestamp is an instant in milliseconds since the Unix epoch, UTC.
	Timestamp
	// Date is days since the Unix epoch.
	Date
	// IntervalDay is a day-to-second interval in milliseconds.
	IntervalDay
	// IntervalMonth is a year-to-month interval in months.
	IntervalMonth
	// TimestampTZ is a timestamp with time zone: an instant in milliseconds
	// since the Unix epoch, like Timestamp, shown and taken apart (hour,
	// date, format) in its type's Zone.
	TimestampTZ
	Array
	Row
)

// Type is a SQL type. Types are values; compare them with Equal.
type Type struct {
	Kind   Kind
	Elem   *Type   // Array
	Fields []Field // Row
	Zone   string  // TimestampTZ: a zone LoadZone knows
}

// Field is one field of a row type.
type Field struct {
	Name string // lower case; "" for an anonymous field
	Type *Type
}

// The scalar types.
var (
	TUnknown       = &Type{Kind: Unknown}
	TBoolean       = &Type{Kind: Boolean}
	TBigint        = &Type{Kind: Bigint}
	TDouble        = &Type{Kind: Double}
	TVarchar       = &Type{Kind: Varchar}
	TJSON          = &Type{Kind: JSON}
	TTimestamp     = &Type{Kind: Timestamp}
	TDate          = &Type{Kind: Date}
	TIntervalDay   = &Type{Kind: IntervalDay}
	TIntervalMonth = &Type{Kind: IntervalMonth}
)

// ArrayOf is array(elem).
func ArrayOf(elem *Type) *Type { return &Type{Kind: Array, Elem: elem} }

// RowOf is row(fields...).
func RowOf(fields ...Field) *Type { return &Type{Kind: Row, Fields: fields} }

// TimestampIn is timestamp(3) with time zone, shown in zone.
func TimestampIn(zone string) *Type { return &Type{Kind: TimestampTZ, Zone: zone} }

// Equal reports whether t and u are the same type.
func (t *Type) Equal(u *Type) bool {
	if t.Kind != u.Kind {
		return false
	}
	switch t.Kind {
	case TimestampTZ:
		return t.Zone == u.Zone
	case Array:
		return t.Elem.Equal(u.Elem)
	case Row:
		if len(t.Fields) != len(u.Fields) {
			return false
		}
		for i := range t.Fields {
			if t.Fields[i].Name != u.Fields[i].Name || !t.Fields[i].Type.Equal(u.Fields[i].Type) {
				return false
			}
		}
	}
	return true
}

// String is the type's name as Trino prints it.
func (t *Type) String() string {
	switch t.Kind {
	case Unknown:
		return "unknown"
	case Boolean:
		return "boolean"
	case Bigint:
		return "bigint"
	case Double:
		return "double"
	case Varchar:
		return "varchar"
	case JSON:
		return "json"
	case Timestamp:
		return "timestamp(3)"
	case TimestampTZ:
		return "timestamp(3) with time zone"
	case Date:
		return "date"
	case IntervalDay:
		return "interval day to second"
	case IntervalMonth:
		return "interval year to month"
	case Array:
		return "array(" + t.Elem.String() + ")"
	case Row:
		var b strings.Builder
		b.WriteString("row(")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			if f.Name != "" {
				b.WriteString(f.Name + " ")
			}
			b.WriteString(f.Type.String())
		}
		b.WriteString(")")
		return b.String()
	}
	return "?"
}

// Numeric reports whether t is bigint or double.
func (t *Type) Numeric() bool { return t.Kind == Bigint || t.Kind == Double }

// Stringy reports whether t is stored as strings (varchar or json).
func (t *Type) Stringy() bool { return t.Kind == Varchar || t.Kind == JSON }

// Orderable reports whether values of t can be compared with < and sorted.
func (t *Type) Orderable() bool {
	switch t.Kind {
	case Array:
		return t.Elem.Orderable()
	case Row:
		for _, f := range t.Fields {
			if !f.Type.Orderable() {
				return false
			}
		}
	}
	return true
}

// Field returns the index of the field called name, or -1.
func (t *Type) Field(name string) int {
	for i, f := range t.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// Common is the type both a and b coerce to for comparison, CASE arms,
// UNION and IN lists, and false when there is none.
func Common(a, b *Type) (*Type, bool) {
	switch {
	case a.Equal(b):
		return a, true
	case a.Kind == Unknown:
		return b, true
	case b.Kind == Unknown:
		return a, true
	case a.Numeric() && b.Numeric():
		return TDouble, true
	case a.Stringy() && b.Stringy():
		return TVarchar, true
	case a.Kind == Date && b.Kind == Timestamp, a.Kind == Timestamp && b.Kind == Date:
		return TTimestamp, true
	case a.Kind == Timestamp && b.Stringy(), a.Stringy() && b.Kind == Timestamp:
		// Athena types eventtime as text: coalesce(eventtime, 'unknown'),
		// a CASE or UNION of it with text, give text (its ISO form).
		return TVarchar, true
	case a.Kind == TimestampTZ && (b.Kind == TimestampTZ || b.Kind == Timestamp || b.Kind == Date):
		return a, true // instants compare whatever zone shows them
	case b.Kind == TimestampTZ && (a.Kind == Timestamp || a.Kind == Date):
		return b, true
	case a.Kind == Array && b.Kind == Array:
		e, ok := Common(a.Elem, b.Elem)
		if !ok {
			return nil, false
		}
		return ArrayOf(e), true
	case a.Kind == Row && b.Kind == Row && len(a.Fields) == len(b.Fields):
		fs := make([]Field, len(a.Fields))
		for i := range fs {
			t, ok := Common(a.Fields[i].Type, b.Fields[i].Type)
			if !ok {
				return nil, false
			}
			fs[i] = Field{Name: a.Fields[i].Name, Type: t}
		}
		return RowOf(fs...), true
	}
	return nil, false
}

// LoadZone is the location of a zone name as Trino takes it: an IANA name
// (America/New_York, UTC) or an offset +hh:mm / -hh:mm.
func LoadZone(z string) (*time.Location, error) {
	if len(z) == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':' {
		h, err1 := strconv.Atoi(z[1:3])
		m, err2 := strconv.Atoi(z[4:6])
		if err1 == nil && err2 == nil && h <= 14 && m < 60 {
			off := h*3600 + m*60
			if z[0] == '-' {
				off = -off
			}
			return time.FixedZone(z, off), nil
		}
	}
	if v, ok := zoneCache.Load(z); ok {
		return v.(*time.Location), nil
	}
	loc, err := time.LoadLocation(z)
	if err != nil || z == "" || z == "Local" {
		return nil, fmt.Errorf("unknown time zone %q", z)
	}
	zoneCache.Store(z, loc)
	return loc, nil
}

var zoneCache sync.Map

// TimeIn is instant ms (milliseconds since the epoch) on the wall clock of
// zone, in UTC when zone is empty or unknown: how timestamps are shown.
func TimeIn(ms int64, zone string) time.Time {
	t := time.UnixMilli(ms).UTC()
	if zone == "" || zone == "UTC" {
		return t
	}
	if loc, err := LoadZone(zone); err == nil {
		return t.In(loc)
	}
	return t
}
