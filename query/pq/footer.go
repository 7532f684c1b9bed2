package pq

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"sync"
	"unsafe"
)

// Physical is a Parquet physical type.
type Physical int8

const (
	Boolean Physical = iota
	Int32
	Int64
	Int96
	Float
	Double
	ByteArray
	FixedLenByteArray
	NoType Physical = -1 // a group
)

// Repetition is a schema node's repetition.
type Repetition int8

const (
	Required Repetition = iota
	Optional
	Repeated
)

// Logical is a leaf's logical type, from the logical type or, in older
// files, the converted type.
type Logical int8

const (
	LogicalNone Logical = iota
	LogicalString
	LogicalTimestamp
	LogicalDate
	LogicalInt     // IntBits and Signed say which
	LogicalDecimal // not read
	LogicalJSON
	LogicalOther // time, uuid, interval, ...: not read
)

// TimeUnit is a timestamp's unit.
type TimeUnit int8

const (
	Millis TimeUnit = iota
	Micros
	Nanos
)

// Codec is a column chunk's compression codec.
type Codec int8

const (
	Uncompressed Codec = iota
	Snappy
	Gzip
	LZO
	Brotli
	LZ4
	Zstd
	LZ4Raw
)

// Leaf is one primitive column of the schema, in file order.
type Leaf struct {
	Path       string // the names from the root's child down, joined by ".": "resources_arn.list.element"
	Name       string // the top-level column: Path up to its first "."
	Type       Physical
	TypeLength int32 // FIXED_LEN_BYTE_ARRAY
	Repetition Repetition
	MaxDef     int8
	MaxRep     int8
	Logical    Logical
	Unit       TimeUnit // LogicalTimestamp
	IntBits    int8     // LogicalInt
	Signed     bool     // LogicalInt
	// List: the top-level column is a LIST whose elements are this leaf
	// (3-level or 2-level form, MaxRep 1).
	List bool
	// listDef is the definition level at and above which the list is not
	// NULL; elemDef the level at and above which an element exists.
	listDef, elemDef int8
}

// Stats are a column chunk's statistics. Min and Max are plain-encoded
// values (little-endian numbers, raw bytes for BYTE_ARRAY), from
// min_value/max_value or, when Legacy, from the deprecated min/max fields
// (whose order is signed, and undefined for BYTE_ARRAY).
type Stats struct {
	Min, Max         string
	NullCount        int64
	DistinctCount    int64
	HasMin, HasMax   bool
	HasNullCount     bool
	HasDistinctCount bool
	Legacy           bool
}

// Chunk is the metadata of one column chunk.
type Chunk struct {
	Codec                Codec
	NumValues            int64
	DataPageOffset       int64
	DictionaryPageOffset int64 // 0: none
	TotalCompressedSize  int64
	Stats                Stats
	HasStats             bool
	BloomFilterOffset    int64 // 0: none
	BloomFilterLength    int32 // 0: unknown
}

// RowGroup is one row group: its rows and a chunk per leaf.
type RowGroup struct {
	NumRows int64
	Chunks  []Chunk // by leaf index
}

// KeyValue is one entry of the file's key/value metadata.
type KeyValue struct {
	Key, Value string
	HasValue   bool
}

// File is the part of a Parquet footer a scan needs. It is immutable and
// safe for concurrent use.
type File struct {
	NumRows   int64
	Leaves    []Leaf
	RowGroups []RowGroup
	KeyValue  []KeyValue
	CreatedBy string
	// FooterSize is the length of the Thrift-encoded footer.
	FooterSize int
	// Size is the file's size, as given to ReadFooter.
	Size int64
}

// Leaf returns the index of the first leaf of the top-level column name
// (for a list, its element leaf), or -1.
func (f *File) Leaf(name string) int {
	for i := range f.Leaves {
		if f.Leaves[i].Name == name {
			return i
		}
	}
	return -1
}

// Value returns the key/value metadata value of key.
func (f *File) Value(key string) (string, bool) {
	for _, kv := range f.KeyValue {
		if kv.Key == key {
			return kv.Value, kv.HasValue
		}
	}
	return "", false
}

// TailSize is how much of a file's end ReadFooter reads at first.
const TailSize = 64 << 10

type footerScratch struct {
	tail  []byte
	elems []selem
}

// tailSize is TailSize but for tests.
var tailSize = TailSize

var footerPool = sync.Pool{New: func() any { return &footerScratch{tail: make([]byte, TailSize)} }}

// ReadFooter reads and decodes the footer of the Parquet file of size
// bytes that r reads. It reads the last TailSize bytes (or the whole file
// if smaller) in one ReadAt, and reads once more only when the footer is
// larger. The File keeps no reference to r or to the bytes read. Errors
// wrap ErrCorrupt (not Parquet, truncated, bad Thrift) or ErrUnsupported
// (an encrypted footer), or are r's.
func ReadFooter(ctx context.Context, r io.ReaderAt, size int64) (*File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if size < 12 {
		return nil, fmt.Errorf("footer: %w: file of %d bytes", ErrCorrupt, size)
	}
	sc := footerPool.Get().(*footerScratch)
	defer footerPool.Put(sc)
	n := min(size, int64(tailSize))
	tail := sc.tail[:n]
	if err := readFull(r, tail, size-n); err != nil {
		return nil, fmt.Errorf("footer: read last %d bytes: %w", n, err)
	}
	switch string(tail[n-4:]) {
	case "PAR1":
	case "PARE":
		return nil, fmt.Errorf("footer: %w: encrypted footer", ErrUnsupported)
	default:
		return nil, fmt.Errorf("footer: %w: no PAR1 magic at the end", ErrCorrupt)
	}
	flen := int64(binary.LittleEndian.Uint32(tail[n-8:]))
	if flen+12 > size {
		return nil, fmt.Errorf("footer: %w: footer of %d bytes in a file of %d", ErrCorrupt, flen, size)
	}
	var meta []byte
	if flen+8 <= n {
		meta = tail[n-8-flen : n-8]
	} else {
		meta = make([]byte, flen)
		head := flen + 8 - n // bytes before the tail
		if err := readFull(r, meta[:head], size-flen-8); err != nil {
			return nil, fmt.Errorf("footer: read %d bytes: %w", head, err)
		}
		copy(meta[head:], tail[:n-8])
	}
	f, err := decodeFooter(meta, sc)
	if err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	f.FooterSize = int(flen)
	f.Size = size
	return f, nil
}

func readFull(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// selem is a decoded SchemaElement, its strings aliasing the footer.
type selem struct {
	name        []byte
	typ         Physical
	typeLength  int32
	rep         Repetition
	hasRep      bool
	numChildren int32
	logical     Logical
	unit        TimeUnit
	intBits     int8
	signed      bool
	list        bool // LIST annotated group
}

// arena holds the strings a File keeps, in a few blocks.
type arena struct{ buf []byte }

func (a *arena) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, max(2048, len(b)))
	}
	a.buf = append(a.buf, b...)
	s := a.buf[len(a.buf)-len(b):]
	return unsafe.String(&s[0], len(s))
}

func decodeFooter(b []byte, sc *footerScratch) (*File, error) {
	d := &tdec{b: b}
	f := &File{}
	var ar arena
	var chunks []Chunk
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		switch {
		case id == 2 && typ == ctList:
			n, _ := d.list()
			sc.elems = sc.elems[:0]
			for i := 0; i < n && d.err == nil; i++ {
				sc.elems = append(sc.elems, d.schemaElement())
			}
			if d.err == nil {
				if err := f.buildLeaves(sc.elems, &ar); err != nil {
					return nil, err
				}
			}
		case id == 3:
			f.NumRows = d.int(typ)
		case id == 4 && typ == ctList:
			n, _ := d.list()
			f.RowGroups = make([]RowGroup, 0, n)
			chunks = make([]Chunk, 0, n*len(f.Leaves))
			for i := 0; i < n && d.err == nil; i++ {
				var rg RowGroup
				start := len(chunks)
				chunks = d.rowGroup(&rg, chunks, &ar)
				rg.Chunks = chunks[start:len(chunks):len(chunks)]
				f.RowGroups = append(f.RowGroups, rg)
			}
		case id == 5 && typ == ctList:
			n, _ := d.list()
			f.KeyValue = make([]KeyValue, 0, n)
			for i := 0; i < n && d.err == nil; i++ {
				f.KeyValue = append(f.KeyValue, d.keyValue(&ar))
			}
		case id == 6:
			f.CreatedBy = ar.str(d.bin(typ))
		default:
			d.skip(typ)
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: bad thrift at byte %d of %d", d.err, d.p, len(b))
	}
	if f.Leaves == nil {
		return nil, fmt.Errorf("%w: no schema", ErrCorrupt)
	}
	for i := range f.RowGroups {
		if len(f.RowGroups[i].Chunks) != len(f.Leaves) {
			return nil, fmt.Errorf("%w: row group %d has %d column chunks for %d leaves", ErrCorrupt, i, len(f.RowGroups[i].Chunks), len(f.Leaves))
		}
	}
	return f, nil
}

func (d *tdec) schemaElement() selem {
	e := selem{typ: NoType}
	if !d.enter() {
		return e
	}
	defer d.leave()
	converted := int64(-1)
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		switch id {
		case 1:
			e.typ = Physical(d.int(typ))
		case 2:
			e.typeLength = int32(d.int(typ))
		case 3:
			e.rep = Repetition(d.int(typ))
			e.hasRep = true
		case 4:
			e.name = d.bin(typ)
		case 5:
			e.numChildren = int32(d.int(typ))
		case 6:
			converted = d.int(typ)
		case 10:
			if typ == ctStruct {
				d.logicalType(&e)
			} else {
				d.skip(typ)
			}
		default:
			d.skip(typ)
		}
	}
	if e.logical == LogicalNone && !e.list {
		switch converted {
		case 0, 4: // UTF8, ENUM
			e.logical = LogicalString
		case 3:
			e.list = true
		case 5:
			e.logical = LogicalDecimal
		case 6:
			e.logical = LogicalDate
		case 9:
			e.logical, e.unit = LogicalTimestamp, Millis
		case 10:
			e.logical, e.unit = LogicalTimestamp, Micros
		case 11, 12, 13, 14: // UINT_8..64
			e.logical, e.signed = LogicalInt, false
			e.intBits = int8(8 << (converted - 11))
		case 15, 16, 17, 18: // INT_8..64
			e.logical, e.signed = LogicalInt, true
			e.intBits = int8(8 << (converted - 15))
		case 19:
			e.logical = LogicalJSON
		case -1:
		default:
			e.logical = LogicalOther
		}
	}
	return e
}

// logicalType decodes the LogicalType union.
func (d *tdec) logicalType(e *selem) {
	if !d.enter() {
		return
	}
	defer d.leave()
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			return
		}
		if typ != ctStruct {
			d.skip(typ)
			continue
		}
		switch id {
		case 1, 4: // STRING, ENUM
			e.logical = LogicalString
			d.skipStruct()
		case 3:
			e.list = true
			d.skipStruct()
		case 5:
			e.logical = LogicalDecimal
			d.skipStruct()
		case 6:
			e.logical = LogicalDate
			d.skipStruct()
		case 8: // TIMESTAMP {1: isAdjustedToUTC, 2: unit}
			e.logical = LogicalTimestamp
			d.timestampType(e)
		case 10: // INTEGER {1: bitWidth i8, 2: isSigned}
			e.logical = LogicalInt
			var l int16
			for d.err == nil {
				fid, ft := d.field(&l)
				if ft == ctStop {
					break
				}
				switch fid {
				case 1:
					e.intBits = int8(d.int(ft))
				case 2:
					e.signed = d.bool(ft)
				default:
					d.skip(ft)
				}
			}
		case 12:
			e.logical = LogicalJSON
			d.skipStruct()
		case 11: // UNKNOWN (always NULL)
			e.logical = LogicalOther
			d.skipStruct()
		default:
			e.logical = LogicalOther
			d.skipStruct()
		}
	}
}

func (d *tdec) timestampType(e *selem) {
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			return
		}
		if id != 2 || typ != ctStruct {
			d.skip(typ)
			continue
		}
		var l int16
		for d.err == nil {
			uid, ut := d.field(&l)
			if ut == ctStop {
				break
			}
			switch uid {
			case 1:
				e.unit = Millis
			case 2:
				e.unit = Micros
			case 3:
				e.unit = Nanos
			default:
				e.logical = LogicalOther
			}
			d.skip(ut)
		}
	}
}

// buildLeaves walks the depth-first schema list into leaves with paths
// and levels.
func (f *File) buildLeaves(es []selem, ar *arena) error {
	if len(es) == 0 || es[0].numChildren <= 0 {
		return fmt.Errorf("%w: empty schema", ErrCorrupt)
	}
	type frame struct {
		left     int32 // children not yet seen
		def, rep int8
		pathLen  int
		top      int // index of the top-level element
		repAt    int // index of the repeated element on the path, or -1
		listDef  int8
		elemDef  int8
	}
	var stackBuf [16]frame
	stack := append(stackBuf[:0], frame{left: es[0].numChildren, repAt: -1})
	var path [256]byte
	nleaves := 0
	for _, e := range es[1:] {
		if e.numChildren == 0 {
			nleaves++
		}
	}
	f.Leaves = make([]Leaf, 0, nleaves)
	for i := 1; i < len(es); i++ {
		for len(stack) > 0 && stack[len(stack)-1].left == 0 {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			return fmt.Errorf("%w: schema has elements past its tree", ErrCorrupt)
		}
		p := &stack[len(stack)-1]
		p.left--
		e := &es[i]
		fr := frame{def: p.def, rep: p.rep, top: p.top, repAt: p.repAt, listDef: p.listDef, elemDef: p.elemDef}
		if len(stack) == 1 {
			fr.top = i
		}
		switch e.rep {
		case Optional:
			fr.def++
		case Repeated:
			fr.def++
			fr.rep++
			if fr.repAt < 0 {
				fr.repAt = i
				fr.elemDef = fr.def
			}
		}
		if fr.def > 100 || fr.rep > 100 {
			return fmt.Errorf("%w: schema nested too deep", ErrCorrupt)
		}
		if len(stack) == 1 {
			fr.listDef = fr.def
		}
		fr.pathLen = p.pathLen
		if len(stack) > 1 {
			if fr.pathLen < len(path) {
				path[fr.pathLen] = '.'
				fr.pathLen++
			}
		}
		fr.pathLen += copy(path[min(fr.pathLen, len(path)):], e.name)
		if fr.pathLen > len(path) {
			return fmt.Errorf("%w: column path longer than %d bytes", ErrUnsupported, len(path))
		}
		if e.numChildren > 0 {
			if len(stack) >= 64 {
				return fmt.Errorf("%w: schema nested too deep", ErrCorrupt)
			}
			fr.left = e.numChildren
			stack = append(stack, fr)
			continue
		}
		if e.typ < Boolean || e.typ > FixedLenByteArray {
			return fmt.Errorf("%w: leaf %q has no physical type", ErrCorrupt, e.name)
		}
		l := Leaf{
			Path:       ar.str(path[:fr.pathLen]),
			Type:       e.typ,
			TypeLength: e.typeLength,
			Repetition: e.rep,
			MaxDef:     fr.def,
			MaxRep:     fr.rep,
			Logical:    e.logical,
			Unit:       e.unit,
			IntBits:    e.intBits,
			Signed:     e.signed,
		}
		l.Name, _, _ = strings.Cut(l.Path, ".")
		top := &es[fr.top]
		if top.list && fr.rep == 1 && fr.repAt >= 0 {
			// LIST group > repeated (group with one child | leaf) > leaf.
			r := &es[fr.repAt]
			if (fr.repAt == i && fr.repAt == fr.top+1) || (fr.repAt == fr.top+1 && r.numChildren == 1 && i == fr.repAt+1) {
				l.List = true
				l.listDef, l.elemDef = fr.listDef, fr.elemDef
			}
		}
		f.Leaves = append(f.Leaves, l)
	}
	return nil
}

func (d *tdec) rowGroup(rg *RowGroup, chunks []Chunk, ar *arena) []Chunk {
	if !d.enter() {
		return chunks
	}
	defer d.leave()
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		switch {
		case id == 1 && typ == ctList:
			n, _ := d.list()
			for i := 0; i < n && d.err == nil; i++ {
				chunks = append(chunks, d.columnChunk(ar))
			}
		case id == 3:
			rg.NumRows = d.int(typ)
		default:
			d.skip(typ)
		}
	}
	return chunks
}

func (d *tdec) columnChunk(ar *arena) Chunk {
	var c Chunk
	if !d.enter() {
		return c
	}
	defer d.leave()
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		if id == 3 && typ == ctStruct {
			d.columnMeta(&c, ar)
		} else {
			d.skip(typ)
		}
	}
	return c
}

func (d *tdec) columnMeta(c *Chunk, ar *arena) {
	if !d.enter() {
		return
	}
	defer d.leave()
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		switch id {
		case 4:
			c.Codec = Codec(d.int(typ))
		case 5:
			c.NumValues = d.int(typ)
		case 7:
			c.TotalCompressedSize = d.int(typ)
		case 9:
			c.DataPageOffset = d.int(typ)
		case 11:
			c.DictionaryPageOffset = d.int(typ)
		case 12:
			if typ == ctStruct {
				c.HasStats = true
				d.statistics(&c.Stats, ar)
			} else {
				d.skip(typ)
			}
		case 14:
			c.BloomFilterOffset = d.int(typ)
		case 15:
			c.BloomFilterLength = int32(d.int(typ))
		default:
			d.skip(typ)
		}
	}
}

func (d *tdec) statistics(s *Stats, ar *arena) {
	if !d.enter() {
		return
	}
	defer d.leave()
	var min, max, minV, maxV []byte
	var hasMin, hasMax, hasMinV, hasMaxV bool
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		switch id {
		case 1:
			max, hasMax = d.bin(typ), typ == ctBinary
		case 2:
			min, hasMin = d.bin(typ), typ == ctBinary
		case 3:
			s.NullCount, s.HasNullCount = d.int(typ), true
		case 4:
			s.DistinctCount, s.HasDistinctCount = d.int(typ), true
		case 5:
			maxV, hasMaxV = d.bin(typ), typ == ctBinary
		case 6:
			minV, hasMinV = d.bin(typ), typ == ctBinary
		default:
			d.skip(typ)
		}
	}
	if hasMinV || hasMaxV {
		s.Min, s.HasMin = ar.str(minV), hasMinV
		s.Max, s.HasMax = ar.str(maxV), hasMaxV
	} else if hasMin || hasMax {
		s.Min, s.HasMin = ar.str(min), hasMin
		s.Max, s.HasMax = ar.str(max), hasMax
		s.Legacy = true
	}
}

func (d *tdec) keyValue(ar *arena) KeyValue {
	var kv KeyValue
	if !d.enter() {
		return kv
	}
	defer d.leave()
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		switch id {
		case 1:
			kv.Key = ar.str(d.bin(typ))
		case 2:
			kv.Value, kv.HasValue = ar.str(d.bin(typ)), typ == ctBinary
		default:
			d.skip(typ)
		}
	}
	return kv
}
