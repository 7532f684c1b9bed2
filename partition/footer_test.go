package partition

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

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
		fix := newFooterFix(paths, sorting, statsBounds)
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
						if st := &c.MetaData.Statistics; c.MetaData.Type == format.ByteArray {
							st.MinValue = boundBelow(st.MinValue, statsBounds)
							st.MaxValue = boundAbove(st.MaxValue, statsBounds)
						}
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
			stripFooter(nil, bad, k%3 == 0, []*footerFix{nil, lakeFooter, newFooterFix(lakePaths[:3], nil, 4)}[k%3]) // must not panic
		}
	}
}

// TestStatsBounds checks boundBelow and boundAbove on random text: the
// bounds are no longer than asked (unless no shorter upper bound exists),
// below or above every value the original bounds, and valid UTF-8.
func TestStatsBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	alphabet := []string{"a", "z", "~", "\x7f", "é", "日", "😀", "0", " "}
	for i := 0; i < 20000; i++ {
		var sb strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		v := []byte(sb.String())
		n := 1 + rng.IntN(30)
		lo, hi := boundBelow(v, n), boundAbove(v, n)
		if len(lo) > n || !utf8.Valid(lo) || bytes.Compare(lo, v) > 0 {
			t.Fatalf("boundBelow(%q, %d) = %q", v, n, lo)
		}
		if !utf8.Valid(hi) || bytes.Compare(hi, v) < 0 || len(hi) > n && !bytes.Equal(hi, v) {
			t.Fatalf("boundAbove(%q, %d) = %q", v, n, hi)
		}
		// Anything up to v, such as v with its tail changed, stays below hi.
		if k := len(lo); k < len(v) {
			lower := append(bytes.Clone(v[:k]), "\x00\x00"...)
			if bytes.Compare(lower, hi) >= 0 {
				t.Fatalf("boundAbove(%q, %d) = %q is not above %q", v, n, hi, lower)
			}
		}
	}
}

// TestFooterBounds checks the footer's text bounds: min_value and
// max_value of every BYTE_ARRAY chunk are within statsBounds bytes, bound
// the chunk's exact min and max (from parquet-go's own footer), and say
// is_*_value_exact false exactly when they were cut.
func TestFooterBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	var rows []record.Row
	tails := []string{"~~~~~~~~~~~~~~~~~~~~~~~~~~~~", "éééééééééééééééééééé", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f"}
	for i := 0; i < 200; i++ {
		r := randRow(rng, i)
		for c := 0; c < record.NumStr; c++ {
			if rng.IntN(4) == 0 { // longer than the bounds, cut inside a character or not
				r.SetStr(c, fmt.Sprintf("arn:aws:iam::%0*d:%s%d", 1+rng.IntN(14), rng.IntN(1000), tails[rng.IntN(len(tails))], rng.IntN(10)))
			}
		}
		rows = append(rows, r)
	}
	raw := rawFooter(t, rows, 1000)
	out, err := stripFooter(nil, raw, false, lakeFooter)
	if err != nil {
		t.Fatal(err)
	}
	proto := new(thrift.CompactProtocol)
	var exact format.FileMetaData
	if err := thrift.Unmarshal(proto, raw, &exact); err != nil {
		t.Fatal(err)
	}
	type stats struct {
		MaxValue []byte            `thrift:"5"`
		MinValue []byte            `thrift:"6"`
		MaxExact thrift.Null[bool] `thrift:"7,optional"`
		MinExact thrift.Null[bool] `thrift:"8,optional"`
	}
	type meta struct {
		Type  int32 `thrift:"1"`
		Stats stats `thrift:"12"`
	}
	type chunk struct {
		Meta meta `thrift:"3"`
	}
	type rowGroup struct {
		Columns []chunk `thrift:"1"`
	}
	var got struct {
		RowGroups []rowGroup `thrift:"4"`
	}
	if err := thrift.Unmarshal(proto, out, &got); err != nil {
		t.Fatal(err)
	}
	cut := 0
	for j, c := range got.RowGroups[0].Columns {
		want := exact.RowGroups[0].Columns[j].MetaData.Statistics
		st := c.Meta.Stats
		if format.Type(c.Meta.Type) != format.ByteArray {
			if !bytes.Equal(st.MinValue, want.MinValue) || !bytes.Equal(st.MaxValue, want.MaxValue) || st.MinExact.Valid || st.MaxExact.Valid {
				t.Errorf("column %d: bounds of a %v column changed", j, format.Type(c.Meta.Type))
			}
			continue
		}
		for _, b := range []struct {
			name       string
			got, exact []byte
			flag       thrift.Null[bool]
			below      bool
		}{{"min", st.MinValue, want.MinValue, st.MinExact, true}, {"max", st.MaxValue, want.MaxValue, st.MaxExact, false}} {
			shorter := len(b.got) < len(b.exact)
			if shorter {
				cut++
			}
			switch {
			case len(b.got) > statsBounds && shorter:
				t.Errorf("column %d %s: %d bytes", j, b.name, len(b.got))
			case b.below && bytes.Compare(b.got, b.exact) > 0, !b.below && bytes.Compare(b.got, b.exact) < 0:
				t.Errorf("column %d %s: %q does not bound %q", j, b.name, b.got, b.exact)
			case shorter != (b.flag.Valid && !b.flag.V):
				t.Errorf("column %d %s: cut %v, exact flag %+v", j, b.name, shorter, b.flag)
			}
		}
	}
	if cut == 0 {
		t.Fatal("no bound was cut: the test checks nothing")
	}
	if len(out) >= len(raw) {
		t.Errorf("footer %d bytes, parquet-go's %d", len(out), len(raw))
	}
}
