package record

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"unsafe"
)

// Tri is a nullable boolean.
type Tri uint8

const (
	Null Tri = iota
	False
	True
)

// TriOf returns the Tri for b.
func TriOf(b bool) Tri {
	if b {
		return True
	}
	return False
}

// Resource is one element of the event's resources array. A field is NULL
// unless its bit (1<<ResourceARN etc.) is in Set.
type Resource struct {
	F   [numResourceFields]string
	Set uint8
}

// Row is one flattened CloudTrail event.
//
// A string-like column i is NULL unless bit i of Set is 1; Str[i] is then its
// value (for JSON columns, compact JSON text). Resources == nil means the
// resources_* lists are NULL. Extra is "" when the event had nothing that did
// not fit a typed column, else a JSON object holding exactly those parts at
// their original paths (see convert for the rules).
type Row struct {
	Str             [NumStr]string
	Set             uint64
	EventTime       int64 // Unix milliseconds, UTC; valid when HasTime
	HasTime         bool
	ReadOnly        Tri
	ManagementEvent Tri
	Resources       []Resource
	Extra           string
	Source          string
}

// A compile-time check that the Set bitmap can hold every string column.
var _ = [64 - NumStr]struct{}{}

// SetStr sets string column i to v (non-NULL).
func (r *Row) SetStr(i int, v string) { r.Str[i] = v; r.Set |= 1 << uint(i) }

// ClearStr makes string column i NULL.
func (r *Row) ClearStr(i int) { r.Str[i] = ""; r.Set &^= 1 << uint(i) }

// Get returns string column i and whether it is non-NULL.
func (r *Row) Get(i int) (string, bool) { return r.Str[i], r.Set&(1<<uint(i)) != 0 }

// Has reports whether string column i is non-NULL.
func (r *Row) Has(i int) bool { return r.Set&(1<<uint(i)) != 0 }

// Reset clears r for reuse.
func (r *Row) Reset() { *r = Row{} }

const (
	flagTime = 1 << iota
	flagResources
	flagExtra
)

// AppendBinary appends a compact, self-delimiting encoding of r to dst. It is
// the spill format of the sorter: stable within one build of trailhouse, not
// a storage format.
func (r *Row) AppendBinary(dst []byte) []byte {
	dst = binary.LittleEndian.AppendUint64(dst, r.Set)
	for set := r.Set; set != 0; set &= set - 1 {
		dst = appendStr(dst, r.Str[bits.TrailingZeros64(set)])
	}
	flags := byte(0)
	if r.HasTime {
		flags |= flagTime
	}
	if r.Resources != nil {
		flags |= flagResources
	}
	if r.Extra != "" {
		flags |= flagExtra
	}
	dst = append(dst, flags, byte(r.ReadOnly)|byte(r.ManagementEvent)<<4)
	if r.HasTime {
		dst = binary.LittleEndian.AppendUint64(dst, uint64(r.EventTime))
	}
	if r.Resources != nil {
		dst = binary.AppendUvarint(dst, uint64(len(r.Resources)))
		for _, res := range r.Resources {
			dst = append(dst, res.Set)
			for f := 0; f < numResourceFields; f++ {
				if res.Set&(1<<f) != 0 {
					dst = appendStr(dst, res.F[f])
				}
			}
		}
	}
	if r.Extra != "" {
		dst = appendStr(dst, r.Extra)
	}
	return appendStr(dst, r.Source)
}

func appendStr(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

var errCorrupt = errors.New("corrupt row encoding")

// DecodeBinary decodes one row encoded by AppendBinary from the start of b
// into r and returns the number of bytes used. The strings of r are copied
// out of b (one allocation per row), so b may be reused.
func (r *Row) DecodeBinary(b []byte) (int, error) {
	n, _, err := r.decode(string(b), nil)
	return n, err
}

// DecodeString is DecodeBinary without the copies: the strings of r are
// substrings of s, and r.Resources is the start of spare when spare is long
// enough (else it is allocated). It returns the bytes used and how many
// elements of spare r.Resources took.
func (r *Row) DecodeString(s string, spare []Resource) (used, took int, err error) {
	return r.decode(s, spare)
}

func (r *Row) decode(s string, res []Resource) (used, took int, err error) {
	d := decoder{s: s}
	r.Reset()
	if len(d.s) < 8 {
		return 0, 0, errCorrupt
	}
	r.Set = binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8))
	d.i = 8
	for set := r.Set; set != 0; set &= set - 1 {
		r.Str[bits.TrailingZeros64(set)] = d.str()
	}
	if d.i+2 > len(d.s) {
		return 0, 0, errCorrupt
	}
	flags, tri := d.s[d.i], d.s[d.i+1]
	d.i += 2
	r.ReadOnly, r.ManagementEvent = Tri(tri&0xf), Tri(tri>>4)
	if flags&flagTime != 0 {
		if d.i+8 > len(d.s) {
			return 0, 0, errCorrupt
		}
		r.HasTime = true
		r.EventTime = int64(binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(d.s[d.i:]), 8)))
		d.i += 8
	}
	if flags&flagResources != 0 {
		n := d.uvarint()
		if n > uint64(len(d.s)) {
			return 0, 0, errCorrupt
		}
		if n > 0 && uint64(len(res)) >= n {
			r.Resources = res[:n:n]
			clear(r.Resources)
			took = int(n)
		} else {
			r.Resources = make([]Resource, n)
		}
		for k := range r.Resources {
			if d.i >= len(d.s) {
				return 0, 0, errCorrupt
			}
			res := &r.Resources[k]
			res.Set = d.s[d.i]
			d.i++
			for f := 0; f < numResourceFields; f++ {
				if res.Set&(1<<f) != 0 {
					res.F[f] = d.str()
				}
			}
		}
	}
	if flags&flagExtra != 0 {
		r.Extra = d.str()
	}
	r.Source = d.str()
	if d.bad {
		return 0, 0, errCorrupt
	}
	return d.i, took, nil
}

type decoder struct {
	s   string
	i   int
	bad bool
}

func (d *decoder) uvarint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			d.bad = true
			return 0
		}
		c := d.s[d.i]
		d.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.bad = true
	return 0
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.s)-d.i) {
		d.bad = true
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

// String is a debugging aid.
func (r *Row) String() string {
	return fmt.Sprintf("row{eventid=%q eventtime=%d source=%q}", r.Str[EventID], r.EventTime, r.Source)
}
