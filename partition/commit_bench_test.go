package partition

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/internal/s3test"
)

// BenchmarkSinkS3Commits writes 128 small partitions into a lake on the
// in-process S3 server, which waits before answering each PutObject as a
// distant endpoint would (TRAILHOUSE_BENCH_PUT_LATENCY, default 30ms), with
// 1 to 32 commits in flight. It reports files/s.
func BenchmarkSinkS3Commits(b *testing.B) {
	latency := s3test.EnvLatency(b, "TRAILHOUSE_BENCH_PUT_LATENCY", 30*time.Millisecond)
	rng := rand.New(rand.NewPCG(2, 2))
	rows := make([]record.Row, 128*20)
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	for i := range rows {
		r := randRow(rng, i)
		r.SetStr(record.RecipientAccountID, fmt.Sprintf("%012d", i%128))
		r.SetStr(record.AWSRegion, "us-east-1")
		r.EventTime, r.HasTime = day+rng.Int64N(86400e3), true
		rows[i] = r
	}
	srv := s3test.Start(b)
	srv.Inject(s3test.Latency(srv, "PutObject", latency))
	for _, commits := range []int{1, 2, 8, 32} {
		b.Run(fmt.Sprintf("commits=%d", commits), func(b *testing.B) {
			files := 0
			for it := 0; b.Loop(); it++ {
				lake := srv.Store(b, fmt.Sprintf("c%d-%d/", commits, it))
				res := writeRows(b, lake, Config{RunID: "b", Writers: 2, Commits: commits}, rows)
				files += len(res.Files)
			}
			b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
