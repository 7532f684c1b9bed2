package pq

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/trailhouse/trailhouse/query/vec"
)

// benchFile is the largest file of the test lake, in memory.
func benchFile(b *testing.B) *bytes.Reader {
	var best []byte
	for _, p := range testLake(b) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if len(data) > len(best) {
			best = data
		}
	}
	return bytes.NewReader(best)
}

func BenchmarkFooter(b *testing.B) {
	r := benchFile(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadFooter(ctx, r, r.Size()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFooterArrow(b *testing.B) {
	r := benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		pr, err := file.NewParquetReader(r)
		if err != nil {
			b.Fatal(err)
		}
		_ = pr.MetaData()
	}
}

func benchColumn(b *testing.B, name string) {
	r := benchFile(b)
	ctx := context.Background()
	f, err := ReadFooter(ctx, r, r.Size())
	if err != nil {
		b.Fatal(err)
	}
	leaf := f.Leaf(name)
	b.ReportAllocs()
	b.ReportMetric(float64(f.RowGroups[0].NumRows), "rows")
	for b.Loop() {
		if _, err := f.ReadColumn(ctx, r, 0, leaf, vec.TVarchar); err != nil {
			b.Fatal(err)
		}
	}
}

// benchColumnArrow reads one column the way the scan does today, given the
// footer: pqarrow over a parquet reader, then vec.FromArrow.
func benchColumnArrow(b *testing.B, name string) {
	r := benchFile(b)
	pr0, err := file.NewParquetReader(r)
	if err != nil {
		b.Fatal(err)
	}
	md := pr0.MetaData()
	leaf := md.Schema.ColumnIndexByName(name)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		pr, err := file.NewParquetReader(r, file.WithMetadata(md))
		if err != nil {
			b.Fatal(err)
		}
		fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{BatchSize: 16384}, memory.DefaultAllocator)
		if err != nil {
			b.Fatal(err)
		}
		rr, err := fr.GetRecordReader(ctx, []int{leaf}, []int{0})
		if err != nil {
			b.Fatal(err)
		}
		for rr.Next() {
			if _, err := vec.FromArrow(rr.RecordBatch().Column(0), vec.TVarchar); err != nil {
				b.Fatal(err)
			}
		}
		rr.Release()
	}
}

func BenchmarkColumnEventName(b *testing.B)      { benchColumn(b, "eventname") }
func BenchmarkColumnEventID(b *testing.B)        { benchColumn(b, "eventid") }
func BenchmarkColumnEventNameArrow(b *testing.B) { benchColumnArrow(b, "eventname") }
func BenchmarkColumnEventIDArrow(b *testing.B)   { benchColumnArrow(b, "eventid") }
