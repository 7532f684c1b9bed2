package vec

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// ArrowType is the Arrow type results of t are returned as.
func ArrowType(t *Type) arrow.DataType {
	switch t.Kind {
	case Unknown:
		return arrow.Null
	case Boolean:
		return arrow.FixedWidthTypes.Boolean
	case Bigint:
		return arrow.PrimitiveTypes.Int64
	case Double:
		return arrow.PrimitiveTypes.Float64
	case Varchar, JSON:
		return arrow.BinaryTypes.String
	case Timestamp:
		return &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}
	case TimestampTZ:
		return &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: t.Zone}
	case Date:
		return arrow.FixedWidthTypes.Date32
	case IntervalDay:
		return arrow.FixedWidthTypes.Duration_ms
	case IntervalMonth:
		return arrow.FixedWidthTypes.MonthInterval
	case Array:
		return arrow.ListOf(ArrowType(t.Elem))
	case Row:
		fs := make([]arrow.Field, len(t.Fields))
		for i, f := range t.Fields {
			name := f.Name
			if name == "" {
				name = fmt.Sprintf("field%d", i)
			}
			fs[i] = arrow.Field{Name: name, Type: ArrowType(f.Type), Nullable: true}
		}
		return arrow.StructOf(fs...)
	}
	return arrow.Null
}

// FromArrowType is the engine type of an Arrow type read from the lake, and
// false for a type the engine does not read.
func FromArrowType(dt arrow.DataType) (*Type, bool) {
	switch dt := dt.(type) {
	case *arrow.StringType, *arrow.LargeStringType, *arrow.BinaryType:
		return TVarchar, true
	case *arrow.DictionaryType:
		return FromArrowType(dt.ValueType)
	case *arrow.BooleanType:
		return TBoolean, true
	case *arrow.Int64Type, *arrow.Int32Type, *arrow.Int16Type, *arrow.Int8Type:
		return TBigint, true
	case *arrow.Float64Type, *arrow.Float32Type:
		return TDouble, true
	case *arrow.TimestampType:
		return TTimestamp, true
	case *arrow.Date32Type:
		return TDate, true
	case *arrow.ListType:
		e, ok := FromArrowType(dt.Elem())
		if !ok {
			return nil, false
		}
		return ArrayOf(e), true
	}
	return nil, false
}

// FromArrow converts an Arrow array into a vector of type t (as
// FromArrowType gives). Strings are not copied: the vector refers to the
// array's buffers, so the array must outlive the vector's use (the caller
// keeps it retained).
func FromArrow(a arrow.Array, t *Type) (*Vector, error) {
	n := a.Len()
	v := &Vector{T: t, Len: n}
	if a.NullN() > 0 {
		v.Null = make([]bool, n)
		for i := 0; i < n; i++ {
			v.Null[i] = a.IsNull(i)
		}
	}
	switch a := a.(type) {
	case *array.String:
		v.S = make([]string, n)
		for i := range v.S {
			if v.Null == nil || !v.Null[i] {
				v.S[i] = a.Value(i)
			}
		}
	case *array.Binary:
		v.S = make([]string, n)
		for i := range v.S {
			if v.Null == nil || !v.Null[i] {
				v.S[i] = string(a.Value(i))
			}
		}
	case *array.Dictionary:
		dict, err := FromArrow(a.Dictionary(), t)
		if err != nil {
			return nil, err
		}
		idx := make([]int32, n)
		for i := range idx {
			if v.Null != nil && v.Null[i] {
				idx[i] = -1
			} else {
				idx[i] = int32(a.GetValueIndex(i))
			}
		}
		return dict.Take(idx), nil
	case *array.Boolean:
		v.B = make([]bool, n)
		for i := range v.B {
			v.B[i] = a.Value(i)
		}
	case *array.Int64:
		v.I = append([]int64(nil), a.Int64Values()...)
	case *array.Int32:
		v.I = make([]int64, n)
		for i, x := range a.Int32Values() {
			v.I[i] = int64(x)
		}
	case *array.Float64:
		v.F = append([]float64(nil), a.Float64Values()...)
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		v.I = make([]int64, n)
		for i, x := range a.TimestampValues() {
			switch unit {
			case arrow.Second:
				v.I[i] = int64(x) * 1000
			case arrow.Millisecond:
				v.I[i] = int64(x)
			case arrow.Microsecond:
				v.I[i] = int64(x) / 1000
			case arrow.Nanosecond:
				v.I[i] = int64(x) / 1000000
			}
		}
	case *array.Date32:
		v.I = make([]int64, n)
		for i, x := range a.Date32Values() {
			v.I[i] = int64(x)
		}
	case *array.List:
		off := a.Offsets()
		v.Off = make([]int32, n+1)
		base := off[0]
		for i := 0; i <= n; i++ {
			v.Off[i] = off[i] - base
		}
		vals := array.NewSlice(a.ListValues(), int64(base), int64(off[n]))
		defer vals.Release()
		e, err := FromArrow(vals, t.Elem)
		if err != nil {
			return nil, err
		}
		v.Elem = e
	default:
		return nil, fmt.Errorf("vec: cannot read arrow type %s", a.DataType())
	}
	return v, nil
}

// ToArrow converts a vector into a new Arrow array; the caller releases it.
func ToArrow(mem memory.Allocator, v *Vector) arrow.Array {
	b := array.NewBuilder(mem, ArrowType(v.T))
	defer b.Release()
	appendArrow(b, v, 0, v.Len)
	return b.NewArray()
}

func appendArrow(b array.Builder, v *Vector, lo, hi int) {
	switch bb := b.(type) {
	case *array.NullBuilder:
		bb.AppendNulls(hi - lo)
	case *array.BooleanBuilder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(v.B[i])
			}
		}
	case *array.Int64Builder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(v.I[i])
			}
		}
	case *array.Float64Builder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(v.F[i])
			}
		}
	case *array.StringBuilder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(v.Str(i))
			}
		}
	case *array.TimestampBuilder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(arrow.Timestamp(v.I[i]))
			}
		}
	case *array.Date32Builder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(arrow.Date32(v.I[i]))
			}
		}
	case *array.DurationBuilder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(arrow.Duration(v.I[i]))
			}
		}
	case *array.MonthIntervalBuilder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
			} else {
				bb.Append(arrow.MonthInterval(v.I[i]))
			}
		}
	case *array.ListBuilder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull()
				continue
			}
			bb.Append(true)
			appendArrow(bb.ValueBuilder(), v.Elem, int(v.Off[i]), int(v.Off[i+1]))
		}
	case *array.StructBuilder:
		for i := lo; i < hi; i++ {
			if v.IsNull(i) {
				bb.AppendNull() // appends a NULL to every field too
				continue
			}
			bb.Append(true)
			for j, f := range v.Fields {
				appendArrow(bb.FieldBuilder(j), f, i, i+1)
			}
		}
	}
}
