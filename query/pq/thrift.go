package pq

import (
	"encoding/binary"
	"math"
)

// Thrift compact protocol types.
const (
	ctStop   = 0
	ctTrue   = 1
	ctFalse  = 2
	ctByte   = 3
	ctI16    = 4
	ctI32    = 5
	ctI64    = 6
	ctDouble = 7
	ctBinary = 8
	ctList   = 9
	ctSet    = 10
	ctMap    = 11
	ctStruct = 12
)

const maxDepth = 32

// tdec decodes the Thrift compact protocol from b. The first problem is
// kept in err; every read after it returns zero values.
type tdec struct {
	b     []byte
	p     int
	err   error
	depth int
}

func (d *tdec) fail() {
	if d.err == nil {
		d.err = ErrCorrupt
	}
	d.p = len(d.b)
}

func (d *tdec) byte() byte {
	if d.p >= len(d.b) {
		d.fail()
		return 0
	}
	c := d.b[d.p]
	d.p++
	return c
}

func (d *tdec) uvarint() uint64 {
	if d.p < len(d.b) && d.b[d.p] < 0x80 {
		c := d.b[d.p]
		d.p++
		return uint64(c)
	}
	var x uint64
	for s := uint(0); s < 70; s += 7 {
		if d.p >= len(d.b) {
			d.fail()
			return 0
		}
		c := d.b[d.p]
		d.p++
		x |= uint64(c&0x7f) << s
		if c < 0x80 {
			return x
		}
	}
	d.fail()
	return 0
}

func (d *tdec) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *tdec) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.p) {
		d.fail()
		return nil
	}
	s := d.b[d.p : d.p+int(n)]
	d.p += int(n)
	return s
}

// field reads a field header after the field last; typ is ctStop at the
// end of the struct (or on error).
func (d *tdec) field(last *int16) (id int16, typ byte) {
	c := d.byte()
	if d.err != nil {
		return 0, ctStop
	}
	typ = c & 0x0f
	if typ == ctStop {
		return 0, ctStop
	}
	if delta := c >> 4; delta != 0 {
		id = *last + int16(delta)
	} else {
		v := d.varint()
		if v < math.MinInt16 || v > math.MaxInt16 {
			d.fail()
			return 0, ctStop
		}
		id = int16(v)
	}
	*last = id
	return id, typ
}

// list reads a list or set header; n is bounded by the bytes left.
func (d *tdec) list() (n int, elem byte) {
	c := d.byte()
	elem = c & 0x0f
	size := uint64(c >> 4)
	if size == 15 {
		size = d.uvarint()
	}
	if size > uint64(len(d.b)-d.p) { // every element takes a byte at least
		d.fail()
		return 0, 0
	}
	return int(size), elem
}

// int reads an integer field of any integer type; other types are skipped.
func (d *tdec) int(typ byte) int64 {
	switch typ {
	case ctByte:
		return int64(int8(d.byte()))
	case ctI16, ctI32, ctI64:
		return d.varint()
	}
	d.skip(typ)
	return 0
}

// bin reads a binary field; other types are skipped.
func (d *tdec) bin(typ byte) []byte {
	if typ == ctBinary {
		return d.bytes()
	}
	d.skip(typ)
	return nil
}

// bool reads a boolean field (the value is in the field type).
func (d *tdec) bool(typ byte) bool {
	switch typ {
	case ctTrue:
		return true
	case ctFalse:
		return false
	}
	d.skip(typ)
	return false
}

// skip skips a value of type typ.
func (d *tdec) skip(typ byte) {
	if d.err != nil {
		return
	}
	d.depth++
	if d.depth > maxDepth {
		d.fail()
		return
	}
	d.skipValue(typ)
	d.depth--
}

func (d *tdec) skipValue(typ byte) {
	switch typ {
	case ctTrue, ctFalse:
	case ctByte:
		d.byte()
	case ctI16, ctI32, ctI64:
		d.uvarint()
	case ctDouble:
		if len(d.b)-d.p < 8 {
			d.fail()
			return
		}
		d.p += 8
	case ctBinary:
		d.bytes()
	case ctList, ctSet:
		n, et := d.list()
		for i := 0; i < n && d.err == nil; i++ {
			d.skipElem(et)
		}
	case ctMap:
		n := d.uvarint()
		if n == 0 {
			return
		}
		kv := d.byte()
		if n > uint64(len(d.b)-d.p) {
			d.fail()
			return
		}
		for i := uint64(0); i < n && d.err == nil; i++ {
			d.skipElem(kv >> 4)
			d.skipElem(kv & 0x0f)
		}
	case ctStruct:
		d.skipStruct()
	default:
		d.fail()
	}
}

// skipElem skips a list, set or map element: booleans there take a byte.
func (d *tdec) skipElem(typ byte) {
	if typ == ctTrue || typ == ctFalse {
		d.byte()
		return
	}
	d.skip(typ)
}

func (d *tdec) skipStruct() {
	var last int16
	for d.err == nil {
		_, typ := d.field(&last)
		if typ == ctStop {
			return
		}
		d.skip(typ)
	}
}

// enter and leave bound the nesting of structs decoded by hand.
func (d *tdec) enter() bool {
	d.depth++
	if d.depth > maxDepth {
		d.fail()
		return false
	}
	return d.err == nil
}

func (d *tdec) leave() { d.depth-- }

var _ = binary.LittleEndian
