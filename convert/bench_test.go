package convert

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"

	"github.com/trailhouse/trailhouse/internal/record"
)

// benchObject returns a gzip {"Records":[...]} object of n copies of the
// fixture events (realistic sizes: about 1.4 KB and 0.7 KB).
func benchObject(b *testing.B, n int) (gz []byte, events int) {
	b.Helper()
	raw, err := os.ReadFile("testdata/array.json")
	if err != nil {
		b.Fatal(err)
	}
	body := bytes.TrimSpace(raw)
	body = body[1 : len(body)-1] // the two events, comma-separated
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`{"Records":[`))
	for i := 0; i < n; i++ {
		if i > 0 {
			zw.Write([]byte(","))
		}
		zw.Write(body)
	}
	zw.Write([]byte("]}"))
	zw.Close()
	return buf.Bytes(), 2 * n
}

// BenchmarkDecodeFlatten: gunzip, split and flatten, the per-core part of
// convert before sorting and writing.
func BenchmarkDecodeFlatten(b *testing.B) {
	obj, events := benchObject(b, 500)
	var f Flattener
	var row record.Row
	b.SetBytes(int64(len(obj)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := NewDecoder(bytes.NewReader(obj))
		if err != nil {
			b.Fatal(err)
		}
		for {
			raw, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if err := f.Flatten(raw, &row); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkFlatten: flattening alone, on the larger fixture event.
func BenchmarkFlatten(b *testing.B) {
	raw, _ := os.ReadFile("testdata/single-event.json")
	var f Flattener
	var row record.Row
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if err := f.Flatten(raw, &row); err != nil {
			b.Fatal(err)
		}
	}
}
