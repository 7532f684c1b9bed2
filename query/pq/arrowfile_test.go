package pq

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// arrowRecord is rows of every type the reader maps, with NULLs, empty
// and NULL lists, NULL elements, repeats (for dictionaries) and wide
// integer deltas.
func arrowRecord(rows int) arrow.RecordBatch {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "d", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "req", Type: arrow.BinaryTypes.String, Nullable: false},
		{Name: "i64", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "i32", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "f64", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "tsn", Type: &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "ls", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
		{Name: "li", Type: arrow.ListOf(arrow.PrimitiveTypes.Int64), Nullable: true},
	}, nil)
	bld := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer bld.Release()
	rnd := rand.New(rand.NewPCG(3, 4))
	words := []string{"alpha", "beta", "gamma", "", "delta-with-a-longer-value", "naïve ✓"}
	for r := 0; r < rows; r++ {
		null := rnd.IntN(7) == 0
		s := bld.Field(0).(*array.StringBuilder)
		if null {
			s.AppendNull()
		} else {
			s.Append(fmt.Sprintf("prefix-shared-%06d-%x", r, rnd.Uint32()))
		}
		d := bld.Field(1).(*array.StringBuilder)
		if rnd.IntN(5) == 0 {
			d.AppendNull()
		} else {
			d.Append(words[rnd.IntN(len(words))])
		}
		bld.Field(2).(*array.StringBuilder).Append(words[r%len(words)])
		i64 := bld.Field(3).(*array.Int64Builder)
		if null {
			i64.AppendNull()
		} else if r%3 == 0 {
			i64.Append(int64(rnd.Uint64())) // wide deltas
		} else {
			i64.Append(int64(r) * 1000)
		}
		i32 := bld.Field(4).(*array.Int32Builder)
		if rnd.IntN(6) == 0 {
			i32.AppendNull()
		} else {
			i32.Append(int32(rnd.Uint32()))
		}
		f := bld.Field(5).(*array.Float64Builder)
		if rnd.IntN(6) == 0 {
			f.AppendNull()
		} else {
			f.Append(rnd.NormFloat64() * 1e6)
		}
		b := bld.Field(6).(*array.BooleanBuilder)
		if rnd.IntN(4) == 0 {
			b.AppendNull()
		} else {
			b.Append(rnd.IntN(2) == 0)
		}
		ts := bld.Field(7).(*array.TimestampBuilder)
		tsn := bld.Field(8).(*array.TimestampBuilder)
		if rnd.IntN(8) == 0 {
			ts.AppendNull()
			tsn.AppendNull()
		} else {
			ts.Append(arrow.Timestamp(1767225600000000 + rnd.Int64N(1e12) - 5e11))
			tsn.Append(arrow.Timestamp(-1e15 + rnd.Int64N(2e18)))
		}
		ls := bld.Field(9).(*array.ListBuilder)
		lsv := ls.ValueBuilder().(*array.StringBuilder)
		li := bld.Field(10).(*array.ListBuilder)
		liv := li.ValueBuilder().(*array.Int64Builder)
		switch rnd.IntN(5) {
		case 0:
			ls.AppendNull()
			li.AppendNull()
		case 1:
			ls.Append(true)
			li.Append(true)
		default:
			ls.Append(true)
			li.Append(true)
			for k := rnd.IntN(4); k >= 0; k-- {
				if rnd.IntN(5) == 0 {
					lsv.AppendNull()
					liv.AppendNull()
				} else {
					lsv.Append(words[rnd.IntN(len(words))] + fmt.Sprint(k))
					liv.Append(rnd.Int64N(100))
				}
			}
		}
	}
	return bld.NewRecordBatch()
}

// arrowFiles writes the record with pqarrow under several writer setups.
func arrowFiles(t testing.TB) []string {
	t.Helper()
	rec := arrowRecord(2500)
	defer rec.Release()
	dir := t.TempDir()
	setups := map[string][]parquet.WriterProperty{
		"v1-snappy-dict": {parquet.WithDataPageVersion(parquet.DataPageV1), parquet.WithCompression(compress.Codecs.Snappy),
			parquet.WithDataPageSize(512), parquet.WithMaxRowGroupLength(900)},
		"v1-plain-uncompressed": {parquet.WithDataPageVersion(parquet.DataPageV1), parquet.WithDictionaryDefault(false),
			parquet.WithDataPageSize(2048)},
		"v2-gzip-delta": {parquet.WithDataPageVersion(parquet.DataPageV2), parquet.WithCompression(compress.Codecs.Gzip),
			parquet.WithDictionaryDefault(false), parquet.WithDataPageSize(1024), parquet.WithMaxRowGroupLength(1000),
			parquet.WithEncodingFor("s", parquet.Encodings.DeltaByteArray),
			parquet.WithEncodingFor("d", parquet.Encodings.DeltaLengthByteArray),
			parquet.WithEncodingFor("req", parquet.Encodings.DeltaByteArray),
			parquet.WithEncodingFor("i64", parquet.Encodings.DeltaBinaryPacked),
			parquet.WithEncodingFor("i32", parquet.Encodings.DeltaBinaryPacked),
			parquet.WithEncodingFor("ts", parquet.Encodings.DeltaBinaryPacked),
			parquet.WithEncodingFor("b", parquet.Encodings.RLE),
			parquet.WithEncodingFor("ls.list.element", parquet.Encodings.DeltaByteArray),
			parquet.WithEncodingFor("li.list.element", parquet.Encodings.DeltaBinaryPacked)},
		"v2-zstd-dict": {parquet.WithDataPageVersion(parquet.DataPageV2), parquet.WithCompression(compress.Codecs.Zstd),
			parquet.WithDataPageSize(4096)},
		// Dictionaries outgrow their limit within a chunk: pages with
		// dictionary indices, then plain pages.
		"v1-dict-fallback": {parquet.WithDataPageVersion(parquet.DataPageV1), parquet.WithDataPageSize(256),
			parquet.WithDictionaryPageSizeLimit(512)},
		"v1-uncompressed-delta": {parquet.WithDataPageVersion(parquet.DataPageV1), parquet.WithDictionaryDefault(false),
			parquet.WithEncodingFor("s", parquet.Encodings.DeltaByteArray),
			parquet.WithEncodingFor("i64", parquet.Encodings.DeltaBinaryPacked),
			parquet.WithEncodingFor("b", parquet.Encodings.RLE)},
	}
	var files []string
	for name, opts := range setups {
		p := filepath.Join(dir, name+".parquet")
		fh, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w, err := pqarrow.NewFileWriter(rec.Schema(), fh, parquet.NewWriterProperties(opts...), pqarrow.DefaultWriterProps())
		if err != nil {
			t.Fatal(name, err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(name, err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(name, err)
		}
		files = append(files, p)
	}
	return files
}

func TestReadColumnArrowWriter(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range arrowFiles(t) {
		pr, err := file.OpenParquetFile(p, false)
		if err != nil {
			t.Fatal(err)
		}
		for rg := 0; rg < pr.NumRowGroups(); rg++ {
			for c := 0; c < pr.MetaData().Schema.NumColumns(); c++ {
				pages, err := pr.RowGroup(rg).GetColumnPageReader(c)
				if err != nil {
					t.Fatal(err)
				}
				for pages.Next() {
					seen[fmt.Sprint(pages.Page().Type(), "/", pages.Page().Encoding())] = true
				}
			}
		}
		pr.Close()
		cols, nonNull := checkFile(t, p)
		compareFooter(t, p)
		t.Logf("%s: %d column chunks, %d non-NULL values equal", filepath.Base(p), cols, nonNull)
		if cols < 11 {
			t.Errorf("%s: %d columns compared", p, cols)
		}
	}
	t.Log(seen)
	for _, want := range []string{"DATA_PAGE/PLAIN", "DATA_PAGE/RLE_DICTIONARY", "DATA_PAGE_V2/RLE_DICTIONARY", "DATA_PAGE_V2/DELTA_BYTE_ARRAY",
		"DATA_PAGE_V2/DELTA_BINARY_PACKED", "DATA_PAGE_V2/DELTA_LENGTH_BYTE_ARRAY", "DATA_PAGE_V2/RLE", "DATA_PAGE/DELTA_BYTE_ARRAY", "DATA_PAGE/RLE"} {
		if !seen[want] {
			t.Errorf("no %s page written", want)
		}
	}
}
