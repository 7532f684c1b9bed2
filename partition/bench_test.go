package partition

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
)

// BenchmarkSink adds rows to a sink and writes the lake: one big
// partition (the demo's shape, long pages), and partitions of about 160
// rows (the default shape, per-file costs). It reports CPU-independent
// figures per row: ns/row, and the lake's bytes/row.
func BenchmarkSink(b *testing.B) {
	for _, tc := range []struct {
		name  string
		parts int
	}{{"one-partition", 1}, {"160-row-partitions", 64}} {
		b.Run(tc.name, func(b *testing.B) {
			const n = 10240
			rng := rand.New(rand.NewPCG(1, 1))
			rows := make([]record.Row, n)
			day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
			for i := range rows {
				r := randRow(rng, i)
				p := rng.IntN(tc.parts)
				r.SetStr(record.RecipientAccountID, fmt.Sprintf("%012d", p))
				r.SetStr(record.AWSRegion, "us-east-1")
				r.SetStr(record.EventID, fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", rng.Uint32(), rng.IntN(1<<16), rng.IntN(1<<12), rng.IntN(1<<16), rng.Int64N(1<<48)))
				r.EventTime, r.HasTime = day+rng.Int64N(86400e3), true
				rows[i] = r
			}
			var bytes int64
			b.ResetTimer()
			for it := 0; it < b.N; it++ {
				lake, _ := objstore.NewDir(b.TempDir())
				res := writeRows(b, lake, Config{RunID: "b"}, rows)
				bytes = 0
				for _, f := range res.Files {
					bytes += f.Bytes
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
			b.ReportMetric(float64(bytes)/n, "B/row")
		})
	}
}
