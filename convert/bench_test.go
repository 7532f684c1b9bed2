package convert

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	kgzip "github.com/klauspost/compress/gzip"

	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/internal/synth"
)

// cpuTime is the CPU time (user and system) used so far by the process.
// On a shared machine wall-clock ns/op swings with other load; CPU time
// per op is the steadier figure to compare.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds cpu-ns/op (and cpu-ns/event when events > 0) for the
// iterations run since start.
func reportCPU(b *testing.B, start time.Duration, events int) {
	used := float64(cpuTime() - start)
	b.ReportMetric(used/float64(b.N), "cpu-ns/op")
	if events > 0 {
		b.ReportMetric(used/float64(b.N)/float64(events), "cpu-ns/event")
	}
}

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
	cpu := cpuTime()
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
	reportCPU(b, cpu, events)
}

// BenchmarkFlatten: flattening alone, on the larger fixture event.
func BenchmarkFlatten(b *testing.B) {
	raw, _ := os.ReadFile("testdata/single-event.json")
	var f Flattener
	var row record.Row
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := f.Flatten(raw, &row); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu, 0)
}

// synthObjects generates a day of realistic synthetic CloudTrail objects
// (internal/synth, the generator behind `trailhouse generate`) and returns
// their gzip bytes and the number of events in them.
func synthObjects(b testing.TB, events int) (objs [][]byte, n int, raw int64) {
	b.Helper()
	dir := b.TempDir()
	st, err := synth.Generate(context.Background(), synth.Config{Events: events, Seed: 7, DuplicateRate: -1, LateRate: -1}, dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".json.gz") {
			return err
		}
		data, err := os.ReadFile(p)
		objs = append(objs, data)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, o := range objs {
		zr, err := gzip.NewReader(bytes.NewReader(o))
		if err != nil {
			b.Fatal(err)
		}
		m, _ := io.Copy(io.Discard, zr)
		raw += m
	}
	return objs, st.Events, raw
}

// BenchmarkSynthDecodeFlatten: gunzip, split and flatten a day of synthetic
// objects (about 60 events of about 1 KB each per object), one Decoder
// reused across objects as a pipeline worker does. SetBytes is the
// uncompressed JSON size.
func BenchmarkSynthDecodeFlatten(b *testing.B) {
	objs, events, raw := synthObjects(b, 10000)
	d := &Decoder{}
	var f Flattener
	var row record.Row
	b.SetBytes(raw)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		n := 0
		for _, o := range objs {
			if err := d.Reset(bytes.NewReader(o)); err != nil {
				b.Fatal(err)
			}
			for {
				ev, err := d.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				if err := f.Flatten(ev, &row); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if err := d.Close(); err != nil {
				b.Fatal(err)
			}
		}
		if n != events {
			b.Fatalf("decoded %d events, generated %d", n, events)
		}
	}
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	reportCPU(b, cpu, events)
}

// BenchmarkSynthNextRow: the same through Decoder.NextRow, which
// flattens each event as it reads it (what a pipeline worker does).
func BenchmarkSynthNextRow(b *testing.B) {
	objs, events, raw := synthObjects(b, 10000)
	d := &Decoder{}
	var f Flattener
	var row record.Row
	b.SetBytes(raw)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		n := 0
		for _, o := range objs {
			if err := d.Reset(bytes.NewReader(o)); err != nil {
				b.Fatal(err)
			}
			for {
				_, err := d.NextRow(&f, &row)
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if err := d.Close(); err != nil {
				b.Fatal(err)
			}
		}
		if n != events {
			b.Fatalf("decoded %d events, generated %d", n, events)
		}
	}
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	reportCPU(b, cpu, events)
}

// BenchmarkSynthDecode: the same without Flatten, to split the cost.
func BenchmarkSynthDecode(b *testing.B) {
	objs, events, raw := synthObjects(b, 10000)
	d := &Decoder{}
	b.SetBytes(raw)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, o := range objs {
			if err := d.Reset(bytes.NewReader(o)); err != nil {
				b.Fatal(err)
			}
			for {
				_, err := d.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	reportCPU(b, cpu, events)
}

// BenchmarkSynthGunzip: only the streaming gunzip (klauspost's reader, one
// reused, as the Decoder uses it) of the same objects, the floor under the
// two benchmarks above.
func BenchmarkSynthGunzip(b *testing.B) {
	objs, events, raw := synthObjects(b, 10000)
	var zr *kgzip.Reader
	buf := make([]byte, 256<<10)
	b.SetBytes(raw)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, o := range objs {
			var err error
			if zr == nil {
				zr, err = kgzip.NewReader(bytes.NewReader(o))
			} else {
				err = zr.Reset(bytes.NewReader(o))
			}
			if err != nil {
				b.Fatal(err)
			}
			for {
				if _, err := zr.Read(buf); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	reportCPU(b, cpu, events)
}

// BenchmarkSynthFlatten: Flatten alone over the synthetic events.
func BenchmarkSynthFlatten(b *testing.B) {
	objs, _, _ := synthObjects(b, 2000)
	var evs [][]byte
	var size int64
	for _, o := range objs {
		events, _, _, fatal := decodeAll(b, bytes.NewReader(o))
		if fatal != nil {
			b.Fatal(fatal)
		}
		for _, ev := range events {
			evs = append(evs, ev)
			size += int64(len(ev))
		}
	}
	var f Flattener
	var row record.Row
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, ev := range evs {
			if err := f.Flatten(ev, &row); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu, len(evs))
}

// BenchmarkSkipValue: the validating skip over synthetic events, the scan
// the decoder makes of each item.
func BenchmarkSkipValue(b *testing.B) {
	objs, _, _ := synthObjects(b, 2000)
	var evs [][]byte
	var size int64
	for _, o := range objs[:8] {
		events, _, _, _ := decodeAll(b, bytes.NewReader(o))
		for _, ev := range events {
			evs = append(evs, ev)
			size += int64(len(ev))
		}
	}
	b.SetBytes(size)
	cpu := cpuTime()
	for b.Loop() {
		for _, ev := range evs {
			if _, err := skipValue(ev, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu, len(evs))
}
