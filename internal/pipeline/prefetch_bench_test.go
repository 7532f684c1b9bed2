package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
	"github.com/trailhouse/trailhouse/internal/synth"
)

// BenchmarkS3GetConcurrency converts realistic objects (internal/synth)
// from the in-process S3 server with a delay before every GET, as a
// distant S3 endpoint has, with 2 decode workers: GetConcurrency 2 is what
// a run did before GETs were separate from decoding; 16 is the S3 default.
// It reports objects/s; docs/benchmarks.md has the figures.
// TRAILHOUSE_BENCH_GET_LATENCY sets the delay (default 20ms).
func BenchmarkS3GetConcurrency(b *testing.B) {
	latency := s3test.EnvLatency(b, "TRAILHOUSE_BENCH_GET_LATENCY", 20*time.Millisecond)
	ctx := context.Background()
	dir := b.TempDir()
	st, err := synth.Generate(ctx, synth.Config{Accounts: 2, Regions: 3, Days: 1, Events: 30000, Seed: 7}, dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	srv := s3test.Start(b)
	src := srv.Store(b, "trail/")
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = data
		}
		return nil
	})
	var bytesIn int
	for _, v := range files {
		bytesIn += len(v)
	}
	putB(b, src, files)
	srv.Inject(s3test.Latency(srv, "GetObject", latency))
	b.Logf("%d objects, %d events, %.1f MB, %v before each GET", st.Objects, st.Events, float64(bytesIn)/1e6, latency)

	for _, gets := range []int{2, 16, 64} {
		b.Run(fmt.Sprintf("get=%d", gets), func(b *testing.B) {
			var objects int
			start := time.Now()
			for b.Loop() {
				lake, _ := objstore.NewDir(b.TempDir())
				rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: b.TempDir(), Workers: 2, GetConcurrency: gets})
				if err != nil {
					b.Fatal(err)
				}
				objects += rep.Objects
			}
			b.ReportMetric(float64(objects)/time.Since(start).Seconds(), "objects/s")
		})
	}
}

// putB is put for benchmarks.
func putB(b *testing.B, st objstore.Store, files map[string][]byte) {
	b.Helper()
	for k, v := range files {
		w, err := st.Create(context.Background(), k)
		if err != nil {
			b.Fatal(err)
		}
		w.Write(v)
		if err := w.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
