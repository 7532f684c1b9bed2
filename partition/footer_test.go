package partition

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/trailhouse/trailhouse/internal/record"
)

// rawFooter writes rows with the lake's writer settings but without the
// footer rewrite and returns parquet-go's own footer.
func rawFooter(t *testing.T, rows []record.Row, rowGroupRows int64) []byte {
	t.Helper()
	cfg := Config{RowGroupRows: rowGroupRows}
	cfg.defaults()
	fw := newFileWriter(&cfg)
	var buf bytes.Buffer
	fw.reset(&buf)
	if err := fw.write(rows); err != nil {
		t.Fatal(err)
	}
	if err := fw.pw.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	n := int(binary.LittleEndian.Uint32(b[len(b)-8:]))
	return b[len(b)-8-n : len(b)-8]
}

// TestStripFooter checks stripFooter against the same change made on the
// decoded footer, with and without the page index, over footers of one and
// of several row groups; and that damaged footers give an error, not a
// panic.
func TestStripFooter(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	var rows []record.Row
	for i := 0; i < 300; i++ {
		rows = append(rows, randRow(rng, i))
	}
	proto := new(thrift.CompactProtocol)
	for _, rgRows := range []int64{1000, 70} {
		raw := rawFooter(t, rows, rgRows)
		// Paths to write in place of the footer's: one of 20 elements,
		// past the short form of a list header.
		var paths [][]string
		for j := range lakePaths {
			paths = append(paths, []string{"p", strings.Repeat("q", j)})
		}
		paths[1] = strings.Fields(strings.Repeat("a ", 20))
		sorting := []format.SortingColumn{{ColumnIdx: 3, Descending: true}, {ColumnIdx: 70000, NullsFirst: true}}
		fix := newFooterFix(paths, sorting)
		for _, variant := range []struct {
			keep bool
			fix  *footerFix
		}{{true, nil}, {false, nil}, {true, fix}, {false, fix}} {
			keep := variant.keep
			var want format.FileMetaData
			if err := thrift.Unmarshal(proto, raw, &want); err != nil {
				t.Fatal(err)
			}
			if len(want.RowGroups) == 0 || len(want.RowGroups[0].Columns[0].MetaData.EncodingStats) == 0 {
				t.Fatal("parquet-go wrote no encoding stats: the test checks nothing")
			}
			for i := range want.RowGroups {
				if variant.fix != nil {
					if len(want.RowGroups[i].SortingColumns) == 0 {
						t.Fatal("parquet-go wrote no sorting columns: the test checks nothing")
					}
					want.RowGroups[i].SortingColumns = sorting
				}
				for j := range want.RowGroups[i].Columns {
					c := &want.RowGroups[i].Columns[j]
					c.MetaData.EncodingStats = nil
					c.MetaData.SizeStatistics = format.SizeStatistics{}
					if !keep {
						c.OffsetIndexOffset, c.OffsetIndexLength, c.ColumnIndexOffset, c.ColumnIndexLength = 0, 0, 0, 0
					}
					if variant.fix != nil {
						c.MetaData.PathInSchema = paths[j]
					}
				}
			}
			out, err := stripFooter(nil, raw, keep, variant.fix)
			if err != nil {
				t.Fatal(err)
			}
			var got format.FileMetaData
			if err := thrift.Unmarshal(proto, out, &got); err != nil {
				t.Fatalf("stripped footer does not decode: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("row groups of %d rows, page index %v, fix %v: stripped footer differs from the expected metadata", rgRows, keep, variant.fix != nil)
			}
			if len(out) >= len(raw) && variant.fix == nil {
				t.Errorf("stripped footer %d bytes, raw %d", len(out), len(raw))
			}
		}
		for k := 0; k < 300; k++ {
			bad := bytes.Clone(raw[:rng.IntN(len(raw))])
			if len(bad) > 0 && k%2 == 0 {
				bad[rng.IntN(len(bad))] ^= byte(1 + rng.IntN(255))
			}
			stripFooter(nil, bad, k%3 == 0, []*footerFix{nil, lakeFooter, newFooterFix(lakePaths[:3], nil)}[k%3]) // must not panic
		}
	}
}
