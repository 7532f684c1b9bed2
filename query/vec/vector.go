package vec

import (
	"fmt"
)

// Vector is one column of values of type T. Exactly the slice that T's kind
// uses is set, with length Len (Off has Len+1 entries): B for boolean; I for
// bigint, timestamp, date and intervals; F for double; S for varchar and
// json; Off and Elem for arrays (element i is Elem[Off[i]:Off[i+1]]); Fields
// for rows (each of length Len). Null is nil when no value is NULL;
// otherwise Null[i] marks a NULL, whose slot holds the zero value.
//
// Vectors are immutable once built: functions return new vectors and may
// share the slices of their arguments.
type Vector struct {
	T      *Type
	Len    int
	Null   []bool
	B      []bool
	I      []int64
	F      []float64
	S      []string
	Off    []int32
	Elem   *Vector
	Fields []*Vector
	// Dict and Codes, when Dict is not nil, code the rows: Codes has Len
	// entries, each in [0, Dict.N) for a non-NULL row (a NULL row's code
	// is meaningless), and non-NULL rows with equal codes have equal
	// values. For varchar and json, Dict.Values holds the values too:
	// value i is Dict.Values[Codes[i]], and S may then be nil (the values
	// only as codes; Str, Materialize and this package's functions read
	// either form). Code outside this package that reads S directly
	// takes vectors through Materialize.
	Dict  *Dict
	Codes []int32
}

// Dict is the dictionary of the codes shared by the vectors decoded from
// one column chunk (and those derived from them). Its identity (the
// pointer) says two vectors' codes are comparable.
type Dict struct {
	N      int      // the number of codes
	Values []string // for text: the value of each code
}

// Batch is a set of columns of equal length.
type Batch struct {
	Cols []*Vector
	Len  int
}

// Str returns text value i, from S or from the dictionary.
func (v *Vector) Str(i int) string {
	if v.S == nil && v.Dict != nil {
		return v.Dict.Values[v.Codes[i]]
	}
	return v.S[i]
}

// Materialize returns v with S set: v itself unless it is text held only
// as codes, else a copy with S built from the dictionary.
func Materialize(v *Vector) *Vector {
	if v.S != nil || v.Dict == nil || !v.T.Stringy() {
		return v
	}
	out := *v
	out.S = make([]string, v.Len)
	for i, c := range v.Codes {
		if !v.IsNull(i) {
			out.S[i] = v.Dict.Values[c]
		}
	}
	return &out
}

// IsNull reports whether value i is NULL.
func (v *Vector) IsNull(i int) bool { return v.Null != nil && v.Null[i] }

// HasNulls reports whether any value may be NULL.
func (v *Vector) HasNulls() bool { return v.Null != nil }

// New returns a vector of n zero values of type t, none NULL.
func New(t *Type, n int) *Vector {
	v := &Vector{T: t, Len: n}
	switch t.Kind {
	case Unknown:
		v.Null = make([]bool, n)
		for i := range v.Null {
			v.Null[i] = true
		}
	case Boolean:
		v.B = make([]bool, n)
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		v.I = make([]int64, n)
	case Double:
		v.F = make([]float64, n)
	case Varchar, JSON:
		v.S = make([]string, n)
	case Array:
		v.Off = make([]int32, n+1)
		v.Elem = New(t.Elem, 0)
	case Row:
		v.Fields = make([]*Vector, len(t.Fields))
		for i, f := range t.Fields {
			v.Fields[i] = New(f.Type, n)
		}
	}
	return v
}

// Nulls returns a vector of n NULLs of type t.
func Nulls(t *Type, n int) *Vector {
	v := New(t, n)
	v.Null = make([]bool, n)
	for i := range v.Null {
		v.Null[i] = true
	}
	return v
}

// SetNull marks value i NULL, allocating the mask when needed.
func (v *Vector) SetNull(i int) {
	if v.Null == nil {
		v.Null = make([]bool, v.Len)
	}
	v.Null[i] = true
}

// Get returns value i boxed: nil for NULL, bool, int64, float64, string,
// []any for an array, or []any of the fields for a row.
func (v *Vector) Get(i int) any {
	if v.IsNull(i) {
		return nil
	}
	switch v.T.Kind {
	case Boolean:
		return v.B[i]
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		return v.I[i]
	case Double:
		return v.F[i]
	case Varchar, JSON:
		return v.Str(i)
	case Array:
		lo, hi := int(v.Off[i]), int(v.Off[i+1])
		out := make([]any, hi-lo)
		for j := lo; j < hi; j++ {
			out[j-lo] = v.Elem.Get(j)
		}
		return out
	case Row:
		out := make([]any, len(v.Fields))
		for j, f := range v.Fields {
			out[j] = f.Get(i)
		}
		return out
	}
	return nil
}

// Take returns the values at idx, in that order. An index of -1 gives NULL
// (for outer joins).
func (v *Vector) Take(idx []int32) *Vector {
	n := len(idx)
	out := &Vector{T: v.T, Len: n}
	if v.Null != nil {
		out.Null = make([]bool, n)
	}
	for k, i := range idx {
		if i < 0 {
			if out.Null == nil {
				out.Null = make([]bool, n)
			}
			out.Null[k] = true
		} else if v.Null != nil {
			out.Null[k] = v.Null[i]
		}
	}
	switch v.T.Kind {
	case Unknown:
		out.Null = make([]bool, n)
		for k := range out.Null {
			out.Null[k] = true
		}
	case Boolean:
		out.B = make([]bool, n)
		for k, i := range idx {
			if i >= 0 {
				out.B[k] = v.B[i]
			}
		}
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		out.I = make([]int64, n)
		for k, i := range idx {
			if i >= 0 {
				out.I[k] = v.I[i]
			}
		}
	case Double:
		out.F = make([]float64, n)
		for k, i := range idx {
			if i >= 0 {
				out.F[k] = v.F[i]
			}
		}
	case Varchar, JSON:
		out.S = make([]string, n)
		if v.S == nil && v.Dict != nil {
			for k, i := range idx {
				if i >= 0 && !v.IsNull(int(i)) {
					out.S[k] = v.Dict.Values[v.Codes[i]]
				}
			}
		} else {
			for k, i := range idx {
				if i >= 0 {
					out.S[k] = v.S[i]
				}
			}
		}
		if v.Dict != nil {
			out.Dict = v.Dict
			out.Codes = make([]int32, n)
			for k, i := range idx {
				if i >= 0 {
					out.Codes[k] = v.Codes[i]
				}
			}
		}
	case Array:
		out.Off = make([]int32, n+1)
		var eidx []int32
		for k, i := range idx {
			if i >= 0 {
				for j := v.Off[i]; j < v.Off[i+1]; j++ {
					eidx = append(eidx, j)
				}
			}
			out.Off[k+1] = int32(len(eidx))
		}
		out.Elem = v.Elem.Take(eidx)
	case Row:
		out.Fields = make([]*Vector, len(v.Fields))
		for j, f := range v.Fields {
			out.Fields[j] = f.Take(idx)
		}
	}
	return out
}

// TakeCodes is Take for text held as codes only (S nil, see Vector): the
// result is held as codes only too. idx holds no -1.
func (v *Vector) TakeCodes(idx []int32) *Vector {
	out := &Vector{T: v.T, Len: len(idx), Dict: v.Dict, Codes: make([]int32, len(idx))}
	for k, i := range idx {
		out.Codes[k] = v.Codes[i]
	}
	if v.Null != nil {
		out.Null = make([]bool, len(idx))
		for k, i := range idx {
			out.Null[k] = v.Null[i]
		}
	}
	return out
}

// Slice returns values [lo, hi).
func (v *Vector) Slice(lo, hi int) *Vector {
	if lo == 0 && hi == v.Len {
		return v
	}
	out := &Vector{T: v.T, Len: hi - lo}
	if v.Null != nil {
		out.Null = v.Null[lo:hi]
	}
	switch v.T.Kind {
	case Boolean:
		out.B = v.B[lo:hi]
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		out.I = v.I[lo:hi]
	case Double:
		out.F = v.F[lo:hi]
	case Varchar, JSON:
		if v.S != nil {
			out.S = v.S[lo:hi]
		}
		if v.Dict != nil {
			out.Dict, out.Codes = v.Dict, v.Codes[lo:hi]
		}
	case Array:
		idx := make([]int32, hi-lo)
		for k := range idx {
			idx[k] = int32(lo + k)
		}
		return v.Take(idx)
	case Row:
		out.Fields = make([]*Vector, len(v.Fields))
		for j, f := range v.Fields {
			out.Fields[j] = f.Slice(lo, hi)
		}
	}
	return out
}

// Builder appends boxed values (as Get returns them) into a vector.
type Builder struct {
	v     *Vector
	elems *Builder   // array elements
	flds  []*Builder // row fields
}

// NewBuilder returns a builder of values of type t.
func NewBuilder(t *Type) *Builder {
	b := &Builder{v: &Vector{T: t}}
	switch t.Kind {
	case Array:
		b.v.Off = []int32{0}
		b.elems = NewBuilder(t.Elem)
	case Row:
		b.flds = make([]*Builder, len(t.Fields))
		for i, f := range t.Fields {
			b.flds[i] = NewBuilder(f.Type)
		}
	}
	return b
}

// Len is the number of values appended.
func (b *Builder) Len() int { return b.v.Len }

// Append adds one value; nil is NULL. A value of the wrong Go type is a
// programming error and is reported as an error.
func (b *Builder) Append(x any) error {
	v := b.v
	null := x == nil
	if null {
		if v.Null == nil {
			v.Null = make([]bool, v.Len, v.Len+1)
		}
	}
	if v.Null != nil {
		v.Null = append(v.Null, null)
	}
	var ok = true
	switch v.T.Kind {
	case Unknown:
		if v.Null == nil {
			v.Null = make([]bool, v.Len+1)
		}
		v.Null[v.Len] = true
	case Boolean:
		x, o := x.(bool)
		ok = o || null
		v.B = append(v.B, x)
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		x, o := x.(int64)
		ok = o || null
		v.I = append(v.I, x)
	case Double:
		x, o := x.(float64)
		ok = o || null
		v.F = append(v.F, x)
	case Varchar, JSON:
		x, o := x.(string)
		ok = o || null
		v.S = append(v.S, x)
	case Array:
		xs, o := x.([]any)
		ok = o || null
		for _, e := range xs {
			if err := b.elems.Append(e); err != nil {
				return err
			}
		}
		v.Off = append(v.Off, int32(b.elems.Len()))
	case Row:
		xs, o := x.([]any)
		ok = (o && len(xs) == len(b.flds)) || null
		for i, fb := range b.flds {
			var e any
			if !null && ok {
				e = xs[i]
			}
			if err := fb.Append(e); err != nil {
				return err
			}
		}
	}
	v.Len++
	if !ok {
		return fmt.Errorf("vec: value %T does not fit type %s", x, v.T)
	}
	return nil
}

// Vector returns the values appended so far; the builder must not be used
// afterwards.
func (b *Builder) Vector() *Vector {
	if b.elems != nil {
		b.v.Elem = b.elems.Vector()
	}
	if b.flds != nil {
		b.v.Fields = make([]*Vector, len(b.flds))
		for i, fb := range b.flds {
			b.v.Fields[i] = fb.Vector()
		}
	}
	if b.v.Len == 0 {
		return New(b.v.T, 0)
	}
	return b.v
}

// Const returns a vector of n copies of the boxed value x.
func Const(t *Type, x any, n int) (*Vector, error) {
	if x == nil {
		return Nulls(t, n), nil
	}
	v := &Vector{T: t, Len: n}
	switch t.Kind {
	case Boolean:
		v.B = make([]bool, n)
		b, _ := x.(bool)
		for i := range v.B {
			v.B[i] = b
		}
		return v, nil
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		v.I = make([]int64, n)
		y, _ := x.(int64)
		for i := range v.I {
			v.I[i] = y
		}
		return v, nil
	case Double:
		v.F = make([]float64, n)
		y, _ := x.(float64)
		for i := range v.F {
			v.F[i] = y
		}
		return v, nil
	case Varchar, JSON:
		v.S = make([]string, n)
		y, _ := x.(string)
		for i := range v.S {
			v.S[i] = y
		}
		return v, nil
	}
	b := NewBuilder(t)
	for i := 0; i < n; i++ {
		if err := b.Append(x); err != nil {
			return nil, err
		}
	}
	return b.Vector(), nil
}

// Gather returns the values refs name, in order, from vectors of type t:
// ref r is row r&0xffffffff of vs[r>>32].
func Gather(t *Type, vs []*Vector, refs []uint64) *Vector {
	n := len(refs)
	switch t.Kind {
	case Boolean, Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth, Double, Varchar, JSON:
	default:
		base := make([]int32, len(vs))
		total := int32(0)
		for i, v := range vs {
			base[i] = total
			total += int32(v.Len)
		}
		idx := make([]int32, n)
		for k, r := range refs {
			idx[k] = base[r>>32] + int32(r&0xffffffff)
		}
		if len(vs) == 0 {
			return New(t, 0)
		}
		return Concat(t, vs).Take(idx)
	}
	out := New(t, n)
	for k, r := range refs {
		v, i := vs[r>>32], int(r&0xffffffff)
		if v.IsNull(i) {
			out.SetNull(k)
			continue
		}
		switch t.Kind {
		case Boolean:
			out.B[k] = v.B[i]
		case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
			out.I[k] = v.I[i]
		case Double:
			out.F[k] = v.F[i]
		default:
			out.S[k] = v.Str(i)
		}
	}
	return out
}

// Concat joins vectors of one type end to end.
func Concat(t *Type, vs []*Vector) *Vector {
	if len(vs) == 1 {
		return vs[0]
	}
	n := 0
	nulls := false
	for _, v := range vs {
		n += v.Len
		nulls = nulls || v.Null != nil
	}
	out := &Vector{T: t, Len: n}
	if nulls {
		out.Null = make([]bool, 0, n)
		for _, v := range vs {
			if v.Null != nil {
				out.Null = append(out.Null, v.Null...)
			} else {
				out.Null = append(out.Null, make([]bool, v.Len)...)
			}
		}
	}
	switch t.Kind {
	case Unknown:
		out.Null = make([]bool, n)
		for i := range out.Null {
			out.Null[i] = true
		}
	case Boolean:
		out.B = make([]bool, 0, n)
		for _, v := range vs {
			out.B = append(out.B, v.B...)
		}
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		out.I = make([]int64, 0, n)
		for _, v := range vs {
			out.I = append(out.I, v.I...)
		}
	case Double:
		out.F = make([]float64, 0, n)
		for _, v := range vs {
			out.F = append(out.F, v.F...)
		}
	case Varchar, JSON:
		out.S = make([]string, 0, n)
		for _, v := range vs {
			out.S = append(out.S, Materialize(v).S...)
		}
	case Array:
		out.Off = make([]int32, 1, n+1)
		var elems []*Vector
		base := int32(0)
		for _, v := range vs {
			for i := 0; i < v.Len; i++ {
				out.Off = append(out.Off, base+v.Off[i+1]-v.Off[0])
			}
			base += v.Off[v.Len] - v.Off[0]
			elems = append(elems, v.Elem.Slice(int(v.Off[0]), int(v.Off[v.Len])))
		}
		out.Elem = Concat(t.Elem, elems)
	case Row:
		out.Fields = make([]*Vector, len(t.Fields))
		for j := range t.Fields {
			fs := make([]*Vector, len(vs))
			for k, v := range vs {
				fs[k] = v.Fields[j]
			}
			out.Fields[j] = Concat(t.Fields[j].Type, fs)
		}
	}
	return out
}
