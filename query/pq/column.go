package pq

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sync"
	"unsafe"

	"github.com/trailhouse/trailhouse/query/vec"
)

// maxPageValues bounds the values (levels) of one page, and maxChunkValues
// those of a column chunk: larger ones are ErrUnsupported.
const (
	maxPageValues  = 1 << 24
	maxChunkValues = 1 << 28
)

// ReadColumn reads the chunk of leaf in rowGroup with one ReadAt and
// decodes it into a vector of type t with a value per row of the row
// group. t must be the engine type of the leaf: varchar or json for
// BYTE_ARRAY, boolean for BOOLEAN, timestamp for INT64 TIMESTAMP (in
// milliseconds, truncated), bigint for other INT32 and INT64, date for
// INT32 DATE, double for FLOAT and DOUBLE, and array(of those) for the
// element leaf of a LIST column; otherwise the error wraps ErrType.
// Strings refer to buffers the vector owns (not to r). Errors name the
// column and row group and wrap ErrUnsupported (a feature this package
// does not read: the caller may use a general reader), ErrCorrupt, ErrType
// or r's error. ReadColumn is safe for concurrent use.
func (f *File) ReadColumn(ctx context.Context, r io.ReaderAt, rowGroup int, leaf int, t *vec.Type) (*vec.Vector, error) {
	return f.readVector(ctx, r, rowGroup, leaf, t, false)
}

// ReadColumnCoded is ReadColumn, except that a flat text chunk that is
// dictionary-encoded throughout comes as codes only: the vector's S is
// nil and its values are Dict.Values[Codes[i]] (see vec.Vector).
func (f *File) ReadColumnCoded(ctx context.Context, r io.ReaderAt, rowGroup int, leaf int, t *vec.Type) (*vec.Vector, error) {
	return f.readVector(ctx, r, rowGroup, leaf, t, true)
}

func (f *File) readVector(ctx context.Context, r io.ReaderAt, rowGroup int, leaf int, t *vec.Type, lazy bool) (*vec.Vector, error) {
	if leaf < 0 || leaf >= len(f.Leaves) {
		return nil, fmt.Errorf("leaf %d of %d: %w", leaf, len(f.Leaves), ErrCorrupt)
	}
	l := &f.Leaves[leaf]
	if rowGroup < 0 || rowGroup >= len(f.RowGroups) {
		return nil, fmt.Errorf("column %s row group %d of %d: %w", l.Path, rowGroup, len(f.RowGroups), ErrCorrupt)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v, err := f.readColumn(r, rowGroup, l, &f.RowGroups[rowGroup].Chunks[leaf], t, lazy)
	if err != nil {
		return nil, fmt.Errorf("column %s row group %d: %w", l.Path, rowGroup, err)
	}
	return v, nil
}

// conv is how a leaf's physical values become the engine's.
type conv struct {
	phys Physical
	kind vec.Kind // of the scalar (element) type
	div  int64    // timestamp unit divisor to milliseconds
}

func leafConv(l *Leaf, t *vec.Type) (conv, *vec.Type, error) {
	if l.List {
		if t.Kind != vec.Array {
			return conv{}, nil, fmt.Errorf("%w: list column read as %s", ErrType, t)
		}
		t = t.Elem
	} else if l.MaxRep > 0 || l.Path != l.Name || l.MaxDef > 1 {
		return conv{}, nil, fmt.Errorf("%w: nested column", ErrUnsupported)
	}
	c := conv{phys: l.Type, kind: t.Kind, div: 1}
	bad := func() (conv, *vec.Type, error) {
		return conv{}, nil, fmt.Errorf("%w: %s column read as %s", ErrType, l.Type, t)
	}
	if l.Logical == LogicalDecimal || l.Logical == LogicalOther {
		return conv{}, nil, fmt.Errorf("%w: logical type of %s", ErrUnsupported, l.Type)
	}
	switch l.Type {
	case ByteArray:
		if !t.Stringy() {
			return bad()
		}
	case Boolean:
		if t.Kind != vec.Boolean {
			return bad()
		}
	case Int64:
		switch {
		case l.Logical == LogicalTimestamp:
			if t.Kind != vec.Timestamp {
				return bad()
			}
			c.div = [...]int64{Millis: 1, Micros: 1000, Nanos: 1000000}[l.Unit]
		case l.Logical == LogicalInt && !l.Signed:
			return conv{}, nil, fmt.Errorf("%w: unsigned INT64", ErrUnsupported)
		case t.Kind != vec.Bigint:
			return bad()
		}
	case Int32:
		switch {
		case l.Logical == LogicalDate:
			if t.Kind != vec.Date {
				return bad()
			}
		case l.Logical == LogicalTimestamp:
			return conv{}, nil, fmt.Errorf("%w: INT32 timestamp", ErrUnsupported)
		case t.Kind != vec.Bigint:
			return bad()
		}
	case Float, Double:
		if t.Kind != vec.Double {
			return bad()
		}
	default:
		return conv{}, nil, fmt.Errorf("%w: physical type %s", ErrUnsupported, l.Type)
	}
	return c, t, nil
}

// scratch holds a read's temporary buffers; pooled.
type scratch struct {
	chunk []byte
	page  []byte
	defs  []uint8
	reps  []uint8
	idx   []uint32
	lens  []int64
	lens2 []int64
	bools []uint8
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// dense holds the non-NULL values of a chunk, in order; one slice is used.
type dense struct {
	b []bool
	i []int64
	f []float64
	s []string
}

func (d *dense) len(p Physical) int {
	switch p {
	case Boolean:
		return len(d.b)
	case Int32, Int64:
		return len(d.i)
	case Float, Double:
		return len(d.f)
	}
	return len(d.s)
}

type chunkReader struct {
	l      *Leaf
	c      conv
	codec  Codec
	sc     *scratch
	pooled bool // page bytes not decompressed alias sc.chunk
	dict   dense
	hasDic bool
	vals   dense
	nslots int // levels (values incl. NULLs) decoded
	// keep: record dictionary indices in codeVals while decoding values,
	// so that the vector carries them (vec.Vector.Dict); cleared by the
	// first page in another encoding.
	keep     bool
	codeVals []int32
	// lazy (with keep): record only the codes, not the strings; the
	// strings of the codes so far are made when keep is cleared.
	lazy bool
}

func (f *File) readColumn(r io.ReaderAt, rg int, l *Leaf, ch *Chunk, t *vec.Type, lazy bool) (*vec.Vector, error) {
	c, et, err := leafConv(l, t)
	if err != nil {
		return nil, err
	}
	rows := f.RowGroups[rg].NumRows
	if rows < 0 || ch.NumValues < 0 || ch.NumValues > maxChunkValues || rows > maxChunkValues {
		return nil, fmt.Errorf("%w: %d values, %d rows", ErrUnsupported, ch.NumValues, rows)
	}
	start := ch.DataPageOffset
	if ch.DictionaryPageOffset > 0 && ch.DictionaryPageOffset < start {
		start = ch.DictionaryPageOffset
	}
	size := ch.TotalCompressedSize
	if start < 4 || size < 0 || size > math.MaxInt32 || start > f.Size-8-int64(f.FooterSize)-size {
		return nil, fmt.Errorf("%w: chunk at %d of %d bytes", ErrCorrupt, start, size)
	}
	switch ch.Codec {
	case Uncompressed, Snappy, Gzip, Zstd:
	default:
		return nil, fmt.Errorf("%w: codec %s", ErrUnsupported, ch.Codec)
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	cr := &chunkReader{l: l, c: c, codec: ch.Codec, sc: sc}
	cr.keep = !l.List && l.Type == ByteArray && ch.DictionaryPageOffset > 0
	cr.lazy = lazy && cr.keep
	var buf []byte
	if ch.Codec != Uncompressed || l.Type != ByteArray {
		// Values are decompressed into buffers of their own (or are not
		// strings): the chunk's bytes can be reused.
		if int64(cap(sc.chunk)) < size {
			sc.chunk = make([]byte, size)
		}
		buf = sc.chunk[:size]
		cr.pooled = true
	} else {
		buf = make([]byte, size)
	}
	if err := readFull(r, buf, start); err != nil {
		return nil, fmt.Errorf("read %d bytes at %d: %w", size, start, err)
	}
	sc.defs, sc.reps = sc.defs[:0], sc.reps[:0]
	if cr.keep {
		cr.codeVals = make([]int32, 0, min(ch.NumValues, 1<<22))
	}
	if hint := int(min(ch.NumValues, 1<<20)); true {
		switch l.Type {
		case Boolean:
			cr.vals.b = make([]bool, 0, hint)
		case Int32, Int64:
			cr.vals.i = make([]int64, 0, hint)
		case Float, Double:
			cr.vals.f = make([]float64, 0, hint)
		default:
			cr.vals.s = make([]string, 0, hint)
		}
	}
	p := 0
	for p < len(buf) && int64(cr.nslots) < ch.NumValues {
		d := tdec{b: buf[p:]}
		h := d.pageHeader()
		if d.err != nil {
			return nil, fmt.Errorf("%w: bad page header at byte %d of the chunk", ErrCorrupt, p)
		}
		body := p + d.p
		if h.compressed < 0 || h.uncompressed < 0 || int(h.compressed) > len(buf)-body {
			return nil, fmt.Errorf("%w: page of %d bytes at byte %d of a chunk of %d", ErrCorrupt, h.compressed, body, len(buf))
		}
		data := buf[body : body+int(h.compressed)]
		p = body + int(h.compressed)
		var err error
		switch h.typ {
		case pageDictionary:
			err = cr.dictionaryPage(&h, data)
		case pageData:
			err = cr.dataPageV1(&h, data, ch.NumValues)
		case pageDataV2:
			err = cr.dataPageV2(&h, data, ch.NumValues)
		case pageIndex:
		default:
			// Unknown page types are skipped, as the format allows.
		}
		if err != nil {
			return nil, fmt.Errorf("page at %d: %w", start+int64(body), err)
		}
	}
	if int64(cr.nslots) != ch.NumValues {
		return nil, fmt.Errorf("%w: %d values in pages, %d in the footer", ErrCorrupt, cr.nslots, ch.NumValues)
	}
	cr.convert()
	if l.List {
		return cr.assembleList(t, et, rows)
	}
	return cr.assembleFlat(t, rows)
}

func (cr *chunkReader) dictionaryPage(h *pageHeader, data []byte) error {
	if cr.hasDic {
		return fmt.Errorf("%w: a second dictionary page", ErrCorrupt)
	}
	if h.encoding != encPlain && h.encoding != encPlainDict {
		return fmt.Errorf("%w: dictionary encoding %d", ErrUnsupported, h.encoding)
	}
	if h.numValues < 0 || h.numValues > maxPageValues {
		return fmt.Errorf("%w: dictionary of %d values", ErrCorrupt, h.numValues)
	}
	// The dictionary's strings outlive the read: its bytes are its own.
	var dst []byte
	if cr.codec == Uncompressed && cr.pooled {
		dst = make([]byte, len(data))
		copy(dst, data)
		data = dst
	} else if cr.codec != Uncompressed {
		var err error
		data, err = decompress(cr.codec, data, int(h.uncompressed), nil)
		if err != nil {
			return err
		}
	}
	cr.hasDic = true
	return plain(&cr.dict, cr.l.Type, data, int(h.numValues))
}

// levels decodes n levels of max (RLE/bit-packed hybrid, no prefix) into
// *dst (appended).
func levels(dst *[]uint8, b []byte, n int, max int8) error {
	start := len(*dst)
	*dst = append(*dst, make([]uint8, n)...)
	return hybrid((*dst)[start:], b, bitWidth(uint64(max)), uint64(max)+1)
}

func (cr *chunkReader) checkCount(n int32, total int64) error {
	if n < 0 || n > maxPageValues || int64(cr.nslots)+int64(n) > total {
		return fmt.Errorf("%w: page of %d values past the chunk's %d", ErrCorrupt, n, total)
	}
	return nil
}

func (cr *chunkReader) dataPageV1(h *pageHeader, data []byte, total int64) error {
	if err := cr.checkCount(h.numValues, total); err != nil {
		return err
	}
	if cr.codec != Uncompressed {
		var dst []byte
		if !cr.retains(h.encoding) {
			dst = cr.sc.page
		}
		var err error
		data, err = decompress(cr.codec, data, int(h.uncompressed), dst)
		if err != nil {
			return err
		}
		if dst != nil {
			cr.sc.page = data[:0]
		}
	} else if cr.pooled && cr.retains(h.encoding) {
		data = append([]byte(nil), data...)
	}
	n := int(h.numValues)
	l := cr.l
	prefixed := func(enc int32, dst *[]uint8, max int8) error {
		if enc != encRLE {
			return fmt.Errorf("%w: level encoding %d", ErrUnsupported, enc)
		}
		if len(data) < 4 {
			return fmt.Errorf("%w: levels past the page", ErrCorrupt)
		}
		ln := binary.LittleEndian.Uint32(data)
		if uint64(ln) > uint64(len(data)-4) {
			return fmt.Errorf("%w: levels of %d bytes in a page of %d", ErrCorrupt, ln, len(data))
		}
		if err := levels(dst, data[4:4+ln], n, max); err != nil {
			return err
		}
		data = data[4+ln:]
		return nil
	}
	if l.MaxRep > 0 {
		if err := prefixed(h.repEnc, &cr.sc.reps, l.MaxRep); err != nil {
			return err
		}
	}
	present := n
	if l.MaxDef > 0 {
		if err := prefixed(h.defEnc, &cr.sc.defs, l.MaxDef); err != nil {
			return err
		}
		present = countMax(cr.sc.defs[len(cr.sc.defs)-n:], uint8(l.MaxDef))
	}
	cr.nslots += n
	return cr.values(h.encoding, data, present)
}

func (cr *chunkReader) dataPageV2(h *pageHeader, data []byte, total int64) error {
	if err := cr.checkCount(h.numValues, total); err != nil {
		return err
	}
	n := int(h.numValues)
	l := cr.l
	if h.repLen < 0 || h.defLen < 0 || int64(h.repLen)+int64(h.defLen) > int64(len(data)) {
		return fmt.Errorf("%w: levels of %d+%d bytes in a page of %d", ErrCorrupt, h.repLen, h.defLen, len(data))
	}
	rl, dl := int(h.repLen), int(h.defLen)
	if l.MaxRep > 0 {
		if err := levels(&cr.sc.reps, data[:rl], n, l.MaxRep); err != nil {
			return err
		}
	}
	present := n
	if l.MaxDef > 0 {
		if err := levels(&cr.sc.defs, data[rl:rl+dl], n, l.MaxDef); err != nil {
			return err
		}
		present = countMax(cr.sc.defs[len(cr.sc.defs)-n:], uint8(l.MaxDef))
	}
	cr.nslots += n
	vals := data[rl+dl:]
	if cr.codec != Uncompressed && h.isCompressed {
		var dst []byte
		if !cr.retains(h.encoding) {
			dst = cr.sc.page
		}
		var err error
		vals, err = decompress(cr.codec, vals, int(h.uncompressed)-rl-dl, dst)
		if err != nil {
			return err
		}
		if dst != nil {
			cr.sc.page = vals[:0]
		}
	} else if cr.pooled && cr.retains(h.encoding) {
		vals = append([]byte(nil), vals...)
	}
	return cr.values(h.encoding, vals, present)
}

// retains reports whether values of encoding enc refer to the page bytes.
func (cr *chunkReader) retains(enc int32) bool {
	return cr.l.Type == ByteArray && (enc == encPlain || enc == encDeltaLength)
}

func countMax(defs []uint8, max uint8) int {
	n := 0
	for _, d := range defs {
		if d == max {
			n++
		}
	}
	return n
}

// values decodes n non-NULL values of encoding enc from b.
func (cr *chunkReader) values(enc int32, b []byte, n int) error {
	l := cr.l
	if enc != encPlainDict && enc != encRLEDict && n > 0 {
		if cr.lazy {
			for _, c := range cr.codeVals {
				cr.vals.s = append(cr.vals.s, cr.dict.s[c])
			}
			cr.lazy = false
		}
		cr.keep = false
	}
	switch enc {
	case encPlain:
		return plain(&cr.vals, l.Type, b, n)
	case encPlainDict, encRLEDict:
		if n == 0 {
			return nil
		}
		if !cr.hasDic {
			return fmt.Errorf("%w: dictionary indices without a dictionary page", ErrCorrupt)
		}
		if len(b) < 1 {
			return fmt.Errorf("%w: empty dictionary indices", ErrCorrupt)
		}
		dn := cr.dict.len(l.Type)
		idx := cr.sc.idx[:0]
		if cap(idx) < n {
			idx = make([]uint32, n)
		}
		idx = idx[:n]
		cr.sc.idx = idx
		if err := hybrid(idx, b[1:], uint(b[0]), uint64(dn)); err != nil {
			return err
		}
		if cr.keep {
			for _, x := range idx {
				cr.codeVals = append(cr.codeVals, int32(x))
			}
			if cr.lazy {
				return nil
			}
		}
		switch l.Type {
		case Boolean:
			cr.vals.b = gather(cr.vals.b, cr.dict.b, idx)
		case Int32, Int64:
			cr.vals.i = gather(cr.vals.i, cr.dict.i, idx)
		case Float, Double:
			cr.vals.f = gather(cr.vals.f, cr.dict.f, idx)
		default:
			cr.vals.s = gather(cr.vals.s, cr.dict.s, idx)
		}
		return nil
	case encRLE:
		if l.Type != Boolean {
			return fmt.Errorf("%w: RLE for %s", ErrUnsupported, l.Type)
		}
		if n == 0 {
			return nil
		}
		if len(b) < 4 {
			return fmt.Errorf("%w: RLE booleans without a length", ErrCorrupt)
		}
		ln := binary.LittleEndian.Uint32(b)
		if uint64(ln) > uint64(len(b)-4) {
			return fmt.Errorf("%w: RLE booleans of %d bytes in %d", ErrCorrupt, ln, len(b))
		}
		bs := cr.sc.bools[:0]
		if cap(bs) < n {
			bs = make([]uint8, n)
		}
		bs = bs[:n]
		cr.sc.bools = bs
		if err := hybrid(bs, b[4:4+ln], 1, 2); err != nil {
			return err
		}
		for _, x := range bs {
			cr.vals.b = append(cr.vals.b, x == 1)
		}
		return nil
	case encDeltaBinary:
		if l.Type != Int32 && l.Type != Int64 {
			return fmt.Errorf("%w: DELTA_BINARY_PACKED for %s", ErrUnsupported, l.Type)
		}
		if n == 0 {
			return nil
		}
		start := len(cr.vals.i)
		out, _, err := deltaBinary(cr.vals.i, b, l.Type == Int32, n)
		if err != nil {
			return err
		}
		if len(out)-start != n {
			return fmt.Errorf("%w: %d delta values for %d", ErrCorrupt, len(out)-start, n)
		}
		cr.vals.i = out
		return nil
	case encDeltaLength:
		if l.Type != ByteArray {
			return fmt.Errorf("%w: DELTA_LENGTH_BYTE_ARRAY for %s", ErrUnsupported, l.Type)
		}
		if n == 0 {
			return nil
		}
		lens, used, err := deltaBinary(cr.sc.lens[:0], b, true, n)
		cr.sc.lens = lens
		if err != nil {
			return err
		}
		if len(lens) != n {
			return fmt.Errorf("%w: %d lengths for %d values", ErrCorrupt, len(lens), n)
		}
		data := b[used:]
		p := 0
		for _, ln := range lens {
			if ln < 0 || ln > int64(len(data)-p) {
				return fmt.Errorf("%w: string of %d bytes past the page", ErrCorrupt, ln)
			}
			cr.vals.s = append(cr.vals.s, str(data[p:p+int(ln)]))
			p += int(ln)
		}
		return nil
	case encDeltaByteArray:
		if l.Type != ByteArray {
			return fmt.Errorf("%w: DELTA_BYTE_ARRAY for %s", ErrUnsupported, l.Type)
		}
		if n == 0 {
			return nil
		}
		prefix, used, err := deltaBinary(cr.sc.lens[:0], b, true, n)
		cr.sc.lens = prefix
		if err != nil {
			return err
		}
		suffix, used2, err := deltaBinary(cr.sc.lens2[:0], b[used:], true, n)
		cr.sc.lens2 = suffix
		if err != nil {
			return err
		}
		if len(prefix) != n || len(suffix) != n {
			return fmt.Errorf("%w: %d prefixes and %d suffixes for %d values", ErrCorrupt, len(prefix), len(suffix), n)
		}
		data := b[used+used2:]
		total := int64(0)
		var prev int64
		for k := range prefix {
			if prefix[k] < 0 || suffix[k] < 0 || prefix[k] > prev {
				return fmt.Errorf("%w: prefix %d of a %d-byte value", ErrCorrupt, prefix[k], prev)
			}
			prev = prefix[k] + suffix[k]
			total += prev
			if total > maxPageBytes {
				return fmt.Errorf("%w: values of more than %d bytes", ErrUnsupported, maxPageBytes)
			}
		}
		out := make([]byte, 0, total)
		p, last := 0, 0
		for k := range prefix {
			sl := int(suffix[k])
			if sl > len(data)-p {
				return fmt.Errorf("%w: suffix of %d bytes past the page", ErrCorrupt, sl)
			}
			s := len(out)
			out = append(out, out[last:last+int(prefix[k])]...)
			out = append(out, data[p:p+sl]...)
			p += sl
			last = s
			cr.vals.s = append(cr.vals.s, str(out[s:]))
		}
		return nil
	}
	return fmt.Errorf("%w: encoding %d", ErrUnsupported, enc)
}

func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func gather[T any](dst, dict []T, idx []uint32) []T {
	for _, i := range idx {
		dst = append(dst, dict[i])
	}
	return dst
}

// plain decodes n PLAIN values of type p from b into d.
func plain(d *dense, p Physical, b []byte, n int) error {
	short := func(need int) error {
		return fmt.Errorf("%w: %d plain %s values need %d bytes, have %d", ErrCorrupt, n, p, need, len(b))
	}
	switch p {
	case Boolean:
		if (n+7)/8 > len(b) {
			return short((n + 7) / 8)
		}
		for k := 0; k < n; k++ {
			d.b = append(d.b, b[k>>3]>>(k&7)&1 == 1)
		}
	case Int32:
		if n > len(b)/4 {
			return short(4 * n)
		}
		for k := 0; k < n; k++ {
			d.i = append(d.i, int64(int32(binary.LittleEndian.Uint32(b[4*k:]))))
		}
	case Int64:
		if n > len(b)/8 {
			return short(8 * n)
		}
		for k := 0; k < n; k++ {
			d.i = append(d.i, int64(binary.LittleEndian.Uint64(b[8*k:])))
		}
	case Float:
		if n > len(b)/4 {
			return short(4 * n)
		}
		for k := 0; k < n; k++ {
			d.f = append(d.f, float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*k:]))))
		}
	case Double:
		if n > len(b)/8 {
			return short(8 * n)
		}
		for k := 0; k < n; k++ {
			d.f = append(d.f, math.Float64frombits(binary.LittleEndian.Uint64(b[8*k:])))
		}
	case ByteArray:
		if n > len(b)/4 {
			return short(4 * n)
		}
		q := 0
		for k := 0; k < n; k++ {
			if len(b)-q < 4 {
				return short(q + 4)
			}
			ln := binary.LittleEndian.Uint32(b[q:])
			q += 4
			if uint64(ln) > uint64(len(b)-q) {
				return short(q + int(ln))
			}
			d.s = append(d.s, str(b[q:q+int(ln)]))
			q += int(ln)
		}
	default:
		return fmt.Errorf("%w: plain %s", ErrUnsupported, p)
	}
	return nil
}

// convert applies the timestamp unit.
func (cr *chunkReader) convert() {
	if cr.c.div > 1 {
		for k, x := range cr.vals.i {
			cr.vals.i[k] = x / cr.c.div
		}
	}
}

// fill sets the values of the vector v of n slots from the dense values,
// placing them where keep is true (all slots when keep is nil).
func (cr *chunkReader) fill(v *vec.Vector, n int, null []bool) {
	switch cr.l.Type {
	case Boolean:
		v.B = spread(cr.vals.b, n, null)
	case Int32, Int64:
		v.I = spread(cr.vals.i, n, null)
	case Float, Double:
		v.F = spread(cr.vals.f, n, null)
	default:
		v.S = spread(cr.vals.s, n, null)
	}
}

// spread places the dense values into n slots, skipping NULL ones.
func spread[T any](vals []T, n int, null []bool) []T {
	if null == nil {
		return vals[:n:n]
	}
	out := make([]T, n)
	j := 0
	for k := range out {
		if !null[k] {
			out[k] = vals[j]
			j++
		}
	}
	return out
}

func (cr *chunkReader) assembleFlat(t *vec.Type, rows int64) (*vec.Vector, error) {
	if int64(cr.nslots) != rows {
		return nil, fmt.Errorf("%w: %d values in a row group of %d rows", ErrCorrupt, cr.nslots, rows)
	}
	n := cr.nslots
	v := &vec.Vector{T: t, Len: n}
	if cr.lazy {
		if len(cr.codeVals) != n {
			max := uint8(cr.l.MaxDef)
			v.Null = make([]bool, n)
			for k, d := range cr.sc.defs {
				v.Null[k] = d != max
			}
		}
		v.Dict = &vec.Dict{N: len(cr.dict.s), Values: cr.dict.s}
		v.Codes = spread(cr.codeVals, n, v.Null)
		return v, nil
	}
	if cr.vals.len(cr.l.Type) != n {
		max := uint8(cr.l.MaxDef)
		v.Null = make([]bool, n)
		for k, d := range cr.sc.defs {
			v.Null[k] = d != max
		}
	}
	cr.fill(v, n, v.Null)
	if cr.keep && cr.hasDic && len(cr.codeVals) == cr.vals.len(cr.l.Type) {
		v.Dict = &vec.Dict{N: len(cr.dict.s), Values: cr.dict.s}
		v.Codes = spread(cr.codeVals, n, v.Null)
	}
	return v, nil
}

func (cr *chunkReader) assembleList(t, et *vec.Type, rows int64) (*vec.Vector, error) {
	l := cr.l
	defs, reps := cr.sc.defs, cr.sc.reps
	if len(defs) != cr.nslots || len(reps) != cr.nslots {
		return nil, fmt.Errorf("%w: list without levels", ErrCorrupt)
	}
	nrows := 0
	for _, r := range reps {
		if r == 0 {
			nrows++
		}
	}
	if int64(nrows) != rows {
		return nil, fmt.Errorf("%w: %d lists in a row group of %d rows", ErrCorrupt, nrows, rows)
	}
	if len(reps) > 0 && reps[0] != 0 {
		return nil, fmt.Errorf("%w: list levels start inside a list", ErrCorrupt)
	}
	v := &vec.Vector{T: t, Len: nrows, Off: make([]int32, nrows+1)}
	listDef, elemDef, maxDef := uint8(l.listDef), uint8(l.elemDef), uint8(l.MaxDef)
	nelem, nnull := 0, 0
	for _, d := range defs {
		if d >= elemDef {
			nelem++
			if d != maxDef {
				nnull++
			}
		}
	}
	if nelem > math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d list elements", ErrUnsupported, nelem)
	}
	var elemNull []bool
	if nnull > 0 {
		elemNull = make([]bool, 0, nelem)
	}
	row, e := -1, int32(0)
	for k, d := range defs {
		if reps[k] == 0 {
			row++
			v.Off[row+1] = e
		}
		switch {
		case d < listDef:
			if v.Null == nil {
				v.Null = make([]bool, nrows)
			}
			v.Null[row] = true
		case d < elemDef: // an empty list
		default:
			if elemNull != nil {
				elemNull = append(elemNull, d != maxDef)
			}
			e++
			v.Off[row+1] = e
		}
	}
	if cr.vals.len(l.Type) != nelem-nnull {
		return nil, fmt.Errorf("%w: %d values for %d list elements", ErrCorrupt, cr.vals.len(l.Type), nelem-nnull)
	}
	ev := &vec.Vector{T: et, Len: nelem, Null: elemNull}
	cr.fill(ev, nelem, elemNull)
	v.Elem = ev
	return v, nil
}

func (p Physical) String() string {
	switch p {
	case Boolean:
		return "BOOLEAN"
	case Int32:
		return "INT32"
	case Int64:
		return "INT64"
	case Int96:
		return "INT96"
	case Float:
		return "FLOAT"
	case Double:
		return "DOUBLE"
	case ByteArray:
		return "BYTE_ARRAY"
	case FixedLenByteArray:
		return "FIXED_LEN_BYTE_ARRAY"
	}
	return "group"
}
