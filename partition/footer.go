package partition

import (
	"encoding/binary"
	"errors"

	"github.com/parquet-go/parquet-go/format"
)

// Field ids of the Thrift structs of the Parquet footer (parquet.thrift)
// that stripFooter walks into or drops.
const (
	fileMetaRowGroups   = 4  // FileMetaData.row_groups
	rowGroupColumns     = 1  // RowGroup.columns
	rowGroupSorting     = 4  // RowGroup.sorting_columns
	chunkMetaData       = 3  // ColumnChunk.meta_data
	chunkOffsetIndexOff = 4  // ColumnChunk.offset_index_offset .. column_index_length: 4-7
	chunkColumnIndexLen = 7  //
	metaType            = 1  // ColumnMetaData.type
	metaPathInSchema    = 3  // ColumnMetaData.path_in_schema
	metaStatistics      = 12 // ColumnMetaData.statistics
	metaEncodingStats   = 13 // ColumnMetaData.encoding_stats
	metaSizeStatistics  = 16 // ColumnMetaData.size_statistics
	statsMaxValue       = 5  // Statistics.max_value
	statsMinValue       = 6  // Statistics.min_value
	statsMaxExact       = 7  // Statistics.is_max_value_exact
	statsMinExact       = 8  // Statistics.is_min_value_exact
)

// Thrift compact protocol types.
const (
	tBoolTrue = 1
	tBool     = 2
	tByte     = 3
	tI16      = 4
	tI32      = 5
	tI64      = 6
	tDouble   = 7
	tBinary   = 8
	tList     = 9
	tSet      = 10
	tMap      = 11
	tStruct   = 12
)

var errFooter = errors.New("malformed footer")

// Levels of the footer's struct nesting that stripFooter treats apart.
const (
	lvFile = iota
	lvRowGroup
	lvChunk
	lvMeta
	lvStats
	lvOther
)

// stripFooter copies a Thrift-compact FileMetaData from src to dst without
// each column chunk's page encoding stats and size statistics and, when
// pageIndex is false, without its page index offsets and lengths. Every
// other byte is copied as it is (this is the footer parquet-go wrote, less
// those fields), except what fix, when not nil, gives anew or shortens.
func stripFooter(dst, src []byte, pageIndex bool, fix *footerFix) ([]byte, error) {
	t := footerTranscoder{src: src, dst: dst, pageIndex: pageIndex, fix: fix}
	t.copyStruct(lvFile, 0)
	if t.err == nil && t.i != len(src) {
		t.err = errFooter
	}
	return t.dst, t.err
}

// A footerFix holds footer fields that stripFooter writes anew rather than
// copies: paths[j] is the path_in_schema of the j-th column chunk of every
// row group, and sorting the sorting_columns of every row group that has
// them.
//
// It exists because parquet-go v0.32.0 damages both when a Writer is
// reused: Writer.Reset clears the previous file's row group metadata in
// place, and its PathInSchema and SortingColumns share their backing
// arrays with the writer's own. So every file after a writer's first had
// [""] as each column's path (DuckDB and Arrow read columns by position;
// parquet-mr and Trino look them up by path) and claimed to be sorted by
// column 0, NULLS LAST.
//
// With bounds > 0, the min_value and max_value of each BYTE_ARRAY column
// chunk longer than bounds bytes are cut to a bound of at most that many
// (see boundBelow and boundAbove), and is_min_value_exact or
// is_max_value_exact says false: they stay a true lower and upper bound of
// the chunk's values, which is all that readers prune with (parquet-go
// cuts its column index to 16 bytes the same way).
type footerFix struct {
	paths   [][]string
	sorting []byte // the list<SortingColumn>, Thrift compact
	bounds  int
}

func newFooterFix(paths [][]string, sorting []format.SortingColumn, bounds int) *footerFix {
	f := &footerFix{paths: paths, bounds: bounds}
	f.sorting = appendListHeader(nil, len(sorting), tStruct)
	for _, c := range sorting {
		f.sorting = append(f.sorting, 1<<4|tI32) // column_idx
		f.sorting = binary.AppendUvarint(f.sorting, uint64(uint32(c.ColumnIdx<<1^c.ColumnIdx>>31)))
		f.sorting = append(f.sorting, 1<<4|compactBool(c.Descending), 1<<4|compactBool(c.NullsFirst), 0)
	}
	return f
}

// compactBool is a boolean field's type nibble, which holds its value.
func compactBool(v bool) byte {
	if v {
		return tBoolTrue
	}
	return tBool
}

func appendListHeader(dst []byte, n, elem int) []byte {
	if n < 15 {
		return append(dst, byte(n<<4|elem))
	}
	return binary.AppendUvarint(append(dst, byte(0xf0|elem)), uint64(n))
}

type footerTranscoder struct {
	src       []byte
	i         int
	dst       []byte
	pageIndex bool
	fix       *footerFix
	chunk     int   // index of the column chunk being copied in its row group
	chunkType int64 // physical type of the column chunk being copied
	err       error
}

func (t *footerTranscoder) byte() byte {
	if t.i >= len(t.src) {
		t.err = errFooter
		return 0
	}
	b := t.src[t.i]
	t.i++
	return b
}

func (t *footerTranscoder) uvarint() uint64 {
	v, n := binary.Uvarint(t.src[min(t.i, len(t.src)):])
	if n <= 0 {
		t.err = errFooter
		return 0
	}
	t.i += n
	return v
}

// drop reports whether field id of a struct at level lv is left out.
func (t *footerTranscoder) drop(lv, id int) bool {
	switch lv {
	case lvChunk:
		return !t.pageIndex && id >= chunkOffsetIndexOff && id <= chunkColumnIndexLen
	case lvMeta:
		return id == metaEncodingStats || id == metaSizeStatistics
	}
	return false
}

// child is the level of the struct(s) that field id of level lv holds.
func child(lv, id int) int {
	switch {
	case lv == lvFile && id == fileMetaRowGroups:
		return lvRowGroup
	case lv == lvRowGroup && id == rowGroupColumns:
		return lvChunk
	case lv == lvChunk && id == chunkMetaData:
		return lvMeta
	case lv == lvMeta && id == metaStatistics:
		return lvStats
	}
	return lvOther
}

// copyStruct copies (depth levels deep at most 32) the fields of a struct
// up to and including its stop byte, re-encoding field headers so that the
// id deltas skip the dropped fields.
func (t *footerTranscoder) copyStruct(lv, depth int) {
	if depth > 32 {
		t.err = errFooter
		return
	}
	if lv == lvOther { // nothing inside is dropped: copy the bytes
		start := t.i
		t.skipStruct(depth)
		if t.err == nil {
			t.dst = append(t.dst, t.src[start:t.i]...)
		}
		return
	}
	last, lastOut := 0, 0
	var inexact [2]bool // max_value, min_value cut to a bound
	for t.err == nil {
		h := t.byte()
		if h == 0 {
			for k, id := range [2]int{statsMaxExact, statsMinExact} {
				if inexact[k] {
					t.appendFieldHeader(id, lastOut, tBool) // false
					lastOut = id
				}
			}
			t.dst = append(t.dst, 0)
			return
		}
		typ, id := int(h&0x0f), last+int(h>>4)
		if h>>4 == 0 {
			id = int(zigzag(t.uvarint()))
		}
		last = id
		if t.drop(lv, id) {
			t.skip(typ, depth)
			continue
		}
		if lv == lvStats && (id == statsMaxExact || id == statsMinExact) && (inexact[0] || inexact[1]) {
			t.skip(typ, depth) // written anew at the end
			continue
		}
		t.appendFieldHeader(id, lastOut, typ)
		lastOut = id
		cl := child(lv, id)
		switch {
		case lv == lvMeta && id == metaType && typ == tI32:
			start := t.i
			t.chunkType = zigzag(t.uvarint())
			t.dst = append(t.dst, t.src[start:min(t.i, len(t.src))]...)
		case lv == lvStats && (id == statsMaxValue || id == statsMinValue) && typ == tBinary &&
			t.fix != nil && t.fix.bounds > 0 && t.chunkType == int64(format.ByteArray):
			start := t.i
			n := t.uvarint()
			if t.err != nil || n > uint64(len(t.src)-t.i) {
				t.err = errFooter
				return
			}
			v := t.src[t.i : t.i+int(n)]
			t.i += int(n)
			b := boundBelow(v, t.fix.bounds)
			if id == statsMaxValue {
				b = boundAbove(v, t.fix.bounds)
			}
			if len(b) == len(v) { // exact
				t.dst = append(t.dst, t.src[start:t.i]...)
				break
			}
			t.dst = binary.AppendUvarint(t.dst, uint64(len(b)))
			t.dst = append(t.dst, b...)
			inexact[id-statsMaxValue] = true
		case lv == lvMeta && id == metaPathInSchema && t.fix != nil:
			if t.skip(typ, depth); t.chunk >= len(t.fix.paths) {
				t.err = errFooter
				return
			}
			t.dst = appendListHeader(t.dst, len(t.fix.paths[t.chunk]), tBinary)
			for _, e := range t.fix.paths[t.chunk] {
				t.dst = binary.AppendUvarint(t.dst, uint64(len(e)))
				t.dst = append(t.dst, e...)
			}
		case lv == lvRowGroup && id == rowGroupSorting && t.fix != nil:
			t.skip(typ, depth)
			t.dst = append(t.dst, t.fix.sorting...)
		case cl != lvOther && typ == tStruct:
			t.copyStruct(cl, depth+1)
		case cl != lvOther && typ == tList:
			n, et := t.listHeader()
			if et != tStruct {
				t.err = errFooter
				return
			}
			for k := 0; k < n && t.err == nil; k++ {
				t.chunk = k
				t.copyStruct(cl, depth+1)
			}
		default:
			start := t.i
			t.skip(typ, depth)
			if t.err == nil {
				t.dst = append(t.dst, t.src[start:t.i]...)
			}
		}
	}
}

// appendFieldHeader writes the header of field id of type typ, after field
// last.
func (t *footerTranscoder) appendFieldHeader(id, last, typ int) {
	if d := id - last; d > 0 && d <= 15 {
		t.dst = append(t.dst, byte(d<<4|typ))
	} else {
		t.dst = append(t.dst, byte(typ))
		t.dst = binary.AppendUvarint(t.dst, uint64(int64(id)<<1^int64(id)>>63))
	}
}

// boundBelow returns v if it is at most n bytes long, else its longest
// prefix of at most n bytes that does not split a UTF-8 sequence: a value
// no greater than v in byte order, valid UTF-8 when v is.
func boundBelow(v []byte, n int) []byte {
	if len(v) <= n {
		return v
	}
	k := n
	for k > 0 && v[k]&0xc0 == 0x80 { // v[k] continues a sequence
		k--
	}
	return v[:k]
}

// boundAbove returns v if it is at most n bytes long, else the tightest
// bound of at most n bytes above every value no greater than v: the
// longest prefix of v that ends in an ASCII character below DEL, with that
// character raised by one. It returns v when no such prefix exists. The
// result is valid UTF-8 when v is.
func boundAbove(v []byte, n int) []byte {
	if len(v) <= n {
		return v
	}
	for k := n; k > 0; k-- {
		if c := v[k-1]; c < 0x7f {
			b := append([]byte(nil), v[:k]...)
			b[k-1]++
			return b
		}
	}
	return v
}

// listHeader reads and copies a list header and returns its size and
// element type.
func (t *footerTranscoder) listHeader() (int, int) {
	start := t.i
	h := t.byte()
	n, et := int(h>>4), int(h&0x0f)
	if n == 15 {
		v := t.uvarint()
		if v > uint64(len(t.src)) {
			t.err = errFooter
			return 0, 0
		}
		n = int(v)
	}
	if t.err == nil {
		t.dst = append(t.dst, t.src[start:t.i]...)
	}
	return n, et
}

func (t *footerTranscoder) skipStruct(depth int) {
	if depth > 32 {
		t.err = errFooter
		return
	}
	for t.err == nil {
		h := t.byte()
		if h == 0 {
			return
		}
		if h>>4 == 0 {
			t.uvarint()
		}
		t.skip(int(h&0x0f), depth)
	}
}

// skip passes over one value of type typ (a field's: booleans have no
// payload).
func (t *footerTranscoder) skip(typ, depth int) {
	switch typ {
	case tBoolTrue, tBool:
	case tByte:
		t.byte()
	case tI16, tI32, tI64:
		t.uvarint()
	case tDouble:
		t.i += 8
	case tBinary:
		n := t.uvarint()
		if n > uint64(len(t.src)-min(t.i, len(t.src))) {
			t.err = errFooter
			return
		}
		t.i += int(n)
	case tList, tSet:
		h := t.byte()
		n, et := uint64(h>>4), int(h&0x0f)
		if n == 15 {
			n = t.uvarint()
		}
		if n > uint64(len(t.src)) {
			t.err = errFooter
			return
		}
		for k := uint64(0); k < n && t.err == nil; k++ {
			if et == tBoolTrue || et == tBool {
				t.byte() // list elements of type bool take a byte each
			} else {
				t.skip(et, depth+1)
			}
		}
	case tMap:
		n := t.uvarint()
		if n > uint64(len(t.src)) {
			t.err = errFooter
			return
		}
		if n > 0 {
			kv := t.byte()
			for k := uint64(0); k < n && t.err == nil; k++ {
				t.skipElem(int(kv>>4), depth+1)
				t.skipElem(int(kv&0x0f), depth+1)
			}
		}
	case tStruct:
		t.skipStruct(depth + 1)
	default:
		t.err = errFooter
	}
	if t.i > len(t.src) {
		t.err = errFooter
	}
}

func (t *footerTranscoder) skipElem(typ, depth int) {
	if typ == tBoolTrue || typ == tBool {
		t.byte()
		return
	}
	t.skip(typ, depth)
}

func zigzag(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }
