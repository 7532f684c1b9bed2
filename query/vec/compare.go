package vec

import (
	"cmp"
	"encoding/binary"
	"math"
	"strings"
)

// Compare orders value i of a against value j of b, which have the same
// type; NULLs compare equal to each other and after every value (callers
// place them with their NULLS FIRST/LAST rule).
func Compare(a *Vector, i int, b *Vector, j int) int {
	an, bn := a.IsNull(i), b.IsNull(j)
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	switch a.T.Kind {
	case Boolean:
		x, y := a.B[i], b.B[j]
		if x == y {
			return 0
		}
		if !x {
			return -1
		}
		return 1
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		return cmp.Compare(a.I[i], b.I[j])
	case Double:
		return cmp.Compare(a.F[i], b.F[j])
	case Varchar, JSON:
		return strings.Compare(a.Str(i), b.Str(j))
	case Array:
		alo, ahi := int(a.Off[i]), int(a.Off[i+1])
		blo, bhi := int(b.Off[j]), int(b.Off[j+1])
		for k := 0; alo+k < ahi && blo+k < bhi; k++ {
			if c := Compare(a.Elem, alo+k, b.Elem, blo+k); c != 0 {
				return c
			}
		}
		return cmp.Compare(ahi-alo, bhi-blo)
	case Row:
		for k := range a.Fields {
			if c := Compare(a.Fields[k], i, b.Fields[k], j); c != 0 {
				return c
			}
		}
	}
	return 0
}

// AppendKey appends an encoding of value i to buf such that two values
// have equal encodings exactly when they are equal (NULL equal to NULL, the
// GROUP BY and DISTINCT rule). Encodings of a column are self-delimiting,
// so keys of several columns may be concatenated.
func (v *Vector) AppendKey(buf []byte, i int) []byte {
	if v.IsNull(i) {
		return append(buf, 0)
	}
	switch v.T.Kind {
	case Boolean:
		if v.B[i] {
			return append(buf, 1, 1)
		}
		return append(buf, 1, 0)
	case Bigint, Timestamp, TimestampTZ, Date, IntervalDay, IntervalMonth:
		buf = append(buf, 1)
		return binary.LittleEndian.AppendUint64(buf, uint64(v.I[i]))
	case Double:
		f := v.F[i]
		if f == 0 {
			f = 0 // -0 == 0
		}
		if math.IsNaN(f) {
			f = math.NaN()
		}
		buf = append(buf, 1)
		return binary.LittleEndian.AppendUint64(buf, math.Float64bits(f))
	case Varchar, JSON:
		buf = append(buf, 1)
		s := v.Str(i)
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		return append(buf, s...)
	case Array:
		lo, hi := int(v.Off[i]), int(v.Off[i+1])
		buf = append(buf, 1)
		buf = binary.AppendUvarint(buf, uint64(hi-lo))
		for j := lo; j < hi; j++ {
			buf = v.Elem.AppendKey(buf, j)
		}
		return buf
	case Row:
		buf = append(buf, 1)
		for _, f := range v.Fields {
			buf = f.AppendKey(buf, i)
		}
		return buf
	}
	return append(buf, 0)
}
