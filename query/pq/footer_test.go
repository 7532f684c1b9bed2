package pq

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"

	"github.com/trailhouse/trailhouse/query/vec"
)

func openLakeFile(t testing.TB, path string) (*os.File, int64) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fh.Close() })
	st, err := fh.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return fh, st.Size()
}

// compareFooter checks ReadFooter's File against arrow-go's metadata.
func compareFooter(t *testing.T, path string) {
	fh, size := openLakeFile(t, path)
	f, err := ReadFooter(context.Background(), fh, size)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	pr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	md := pr.MetaData()
	if f.NumRows != md.NumRows {
		t.Errorf("%s: %d rows, arrow %d", path, f.NumRows, md.NumRows)
	}
	if len(f.Leaves) != md.Schema.NumColumns() {
		t.Fatalf("%s: %d leaves, arrow %d", path, len(f.Leaves), md.Schema.NumColumns())
	}
	for i := range f.Leaves {
		l, c := &f.Leaves[i], md.Schema.Column(i)
		if l.Path != c.ColumnPath().String() || int(l.MaxDef) != int(c.MaxDefinitionLevel()) || int(l.MaxRep) != int(c.MaxRepetitionLevel()) ||
			int(l.Type) != int(c.PhysicalType()) {
			t.Errorf("%s: leaf %d = %+v, arrow %s def %d rep %d %s", path, i, l, c.ColumnPath(), c.MaxDefinitionLevel(), c.MaxRepetitionLevel(), c.PhysicalType())
		}
	}
	kv := md.KeyValueMetadata()
	if len(f.KeyValue) != kv.Len() {
		t.Errorf("%s: %d key/values, arrow %d", path, len(f.KeyValue), kv.Len())
	}
	for i, k := range kv.Keys() {
		if v, ok := f.Value(k); !ok || v != kv.Values()[i] {
			t.Errorf("%s: %s = %q %v, arrow %q", path, k, v, ok, kv.Values()[i])
		}
	}
	if f.CreatedBy != md.GetCreatedBy() {
		t.Errorf("%s: created_by %q, arrow %q", path, f.CreatedBy, md.GetCreatedBy())
	}
	if len(f.RowGroups) != md.NumRowGroups() {
		t.Fatalf("%s: %d row groups, arrow %d", path, len(f.RowGroups), md.NumRowGroups())
	}
	for rg := range f.RowGroups {
		rmd := md.RowGroup(rg)
		if f.RowGroups[rg].NumRows != rmd.NumRows() {
			t.Errorf("%s: row group %d: %d rows, arrow %d", path, rg, f.RowGroups[rg].NumRows, rmd.NumRows())
		}
		for i := range f.Leaves {
			c := &f.RowGroups[rg].Chunks[i]
			cc, err := rmd.ColumnChunk(i)
			if err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("%s: row group %d column %s", path, rg, f.Leaves[i].Path)
			if c.Codec.String() != strings.ToUpper(cc.Compression().String()) {
				t.Errorf("%s: codec %s, arrow %s", where, c.Codec, cc.Compression())
			}
			if c.NumValues != cc.NumValues() || c.DataPageOffset != cc.DataPageOffset() || c.TotalCompressedSize != cc.TotalCompressedSize() ||
				c.BloomFilterOffset != cc.BloomFilterOffset() || (cc.HasDictionaryPage() && c.DictionaryPageOffset != cc.DictionaryPageOffset()) {
				t.Errorf("%s: chunk %+v differs from arrow's", where, c)
			}
			set, err := cc.StatsSet()
			if err != nil || !set {
				continue
			}
			st, err := cc.Statistics()
			if err != nil {
				t.Fatal(err)
			}
			if st.HasNullCount() && (!c.Stats.HasNullCount || c.Stats.NullCount != st.NullCount()) {
				t.Errorf("%s: null count %d (%v), arrow %d", where, c.Stats.NullCount, c.Stats.HasNullCount, st.NullCount())
			}
			if st.HasMinMax() {
				if !c.Stats.HasMin || !c.Stats.HasMax || c.Stats.Min != string(st.EncodeMin()) || c.Stats.Max != string(st.EncodeMax()) {
					t.Errorf("%s: min %q max %q, arrow %q %q", where, c.Stats.Min, c.Stats.Max, st.EncodeMin(), st.EncodeMax())
				}
			}
		}
	}
}

func TestFooterLake(t *testing.T) {
	for _, p := range testLake(t) {
		compareFooter(t, p)
	}
}

func TestFooterErrors(t *testing.T) {
	p := testLake(t)[0]
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for name, data := range map[string][]byte{
		"short":     b[:8],
		"no magic":  append(append([]byte{}, b[:len(b)-1]...), 'X'),
		"truncated": b[len(b)-100:],
		"garbage":   append(bytes.Repeat([]byte{0xff}, 200), b[len(b)-8:]...),
	} {
		_, err := ReadFooter(ctx, bytes.NewReader(data), int64(len(data)))
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// One ReadAt for a footer within the tail; a second one when the
	// footer is larger.
	for _, tail := range []int{TailSize, 1024} {
		tailSize = tail
		cr := &countReader{r: bytes.NewReader(b)}
		f, err := ReadFooter(ctx, cr, int64(len(b)))
		tailSize = TailSize
		if err != nil {
			t.Fatal(err)
		}
		want := 1
		if f.FooterSize+8 > tail {
			want = 2
		}
		if cr.n != want || len(f.Leaves) != 66 {
			t.Errorf("tail %d, footer %d: %d reads (want %d), %d leaves", tail, f.FooterSize, cr.n, want, len(f.Leaves))
		}
	}
}

type countReader struct {
	r *bytes.Reader
	n int
}

func (c *countReader) ReadAt(p []byte, off int64) (int, error) {
	c.n++
	return c.r.ReadAt(p, off)
}

func TestBloomLake(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	cols := []string{"eventid", "useridentity_arn", "sourceipaddress", "useridentity_accesskeyid"}
	present, randoms, falsePos, filters := 0, 0, 0, 0
	for _, p := range testLake(t) {
		fh, size := openLakeFile(t, p)
		f, err := ReadFooter(context.Background(), fh, size)
		if err != nil {
			t.Fatal(err)
		}
		pr, err := file.OpenParquetFile(p, false)
		if err != nil {
			t.Fatal(err)
		}
		defer pr.Close()
		for rg := range f.RowGroups {
			abr, err := pr.GetBloomFilterReader().RowGroup(rg)
			if err != nil {
				t.Fatal(err)
			}
			for _, col := range cols {
				leaf := f.Leaf(col)
				b, err := f.BloomFilter(context.Background(), fh, rg, leaf)
				if err != nil {
					t.Fatalf("%s %s: %v", p, col, err)
				}
				if b == nil { // a column of NULLs only: arrow must find none either
					if abf, _ := abr.GetColumnBloomFilter(leaf); abf != nil {
						t.Fatalf("%s %s: no bloom filter, arrow has one", p, col)
					}
					continue
				}
				filters++
				abf, err := abr.GetColumnBloomFilter(leaf)
				if err != nil || abf == nil {
					t.Fatalf("arrow bloom of %s: %v", col, err)
				}
				if filters == 1 {
					// XXH64 against arrow-go's hash, over lengths around every boundary.
					for n := 0; n < 100; n++ {
						v := make([]byte, n)
						for i := range v {
							v[i] = byte(rnd.Uint32())
						}
						if got, want := XXH64(v), metadata.GetHash(abf.Hasher(), parquet.ByteArray(v)); got != want {
							t.Fatalf("XXH64 of %d bytes = %x, arrow %x", n, got, want)
						}
					}
				}
				v, err := f.ReadColumn(context.Background(), fh, rg, leaf, vec.TVarchar)
				if err != nil {
					t.Fatal(err)
				}
				for i := 0; i < v.Len; i++ {
					if v.IsNull(i) {
						continue
					}
					present++
					if !b.MayContainString(v.S[i]) || !b.MayContain([]byte(v.S[i])) {
						t.Fatalf("%s %s: present value %q not in the bloom filter", p, col, v.S[i])
					}
				}
				for k := 0; k < 500; k++ {
					s := fmt.Sprintf("absent-%d-%x", k, rnd.Uint64())
					got := b.MayContainString(s)
					want := abf.CheckHash(metadata.GetHash(abf.Hasher(), parquet.ByteArray(s)))
					if got != want {
						t.Fatalf("%s %s: MayContain(%q) = %v, arrow %v", p, col, s, got, want)
					}
					randoms++
					if got {
						falsePos++
					}
				}
			}
		}
	}
	t.Logf("%d filters: %d present values found, %d of %d random strings false positives", filters, present, falsePos, randoms)
	if present == 0 || falsePos*20 > randoms {
		t.Errorf("%d present values; %d of %d false positives", present, falsePos, randoms)
	}
}
