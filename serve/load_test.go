package serve_test

import (
	"context"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/serve"
)

// BenchmarkLoad: 50 clients, each on its own connection, run the suite's
// queries in turn against one server for a bounded time (default 20s,
// TRAILHOUSE_BENCH_LOAD_DURATION; TRAILHOUSE_BENCH_LOAD_CLIENTS changes the
// number of clients), with the default limits (4 queries at
// once; the others wait their turn). It fails on any error, and when,
// after the clients have gone, the goroutines do not come back to their
// count before the run or the heap does not come back near its size
// before. It reports latency (p50, p99 of a whole query: GetFlightInfo and
// DoGet), queries/s and peak RSS. Run it alone:
//
//	go test -run X -bench Load -benchtime 1x ./serve/
func BenchmarkLoad(b *testing.B) {
	clients := 50
	if s := os.Getenv("TRAILHOUSE_BENCH_LOAD_CLIENTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("TRAILHOUSE_BENCH_LOAD_CLIENTS=%q", s)
		}
		clients = n
	}
	dur := 20 * time.Second
	if s := os.Getenv("TRAILHOUSE_BENCH_LOAD_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			b.Fatal(err)
		}
		dur = d
	}
	cases := loadSuite(b)
	s := start(b, nil, serve.Config{QueueWait: time.Minute, QueryTimeout: time.Minute})

	runtime.GC()
	baseG := runtime.NumGoroutine()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	baseHeap := ms.HeapAlloc

	var mu sync.Mutex
	var lat []time.Duration
	var errs []string
	var wg sync.WaitGroup
	b.ResetTimer()
	begin := time.Now()
	stop := begin.Add(dur)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := client(b, s.FlightAddr())
			defer cl.Close()
			var mine []time.Duration
			for i := c * 7; time.Now().Before(stop); i++ {
				q := cases[i%len(cases)]
				t0 := time.Now()
				_, err := rawQuery(context.Background(), cl, q.sql)
				if err != nil {
					mu.Lock()
					errs = append(errs, q.name+": "+err.Error())
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	b.StopTimer()
	if len(errs) > 0 {
		b.Fatalf("%d errors, first: %s", len(errs), errs[0])
	}
	if len(lat) == 0 {
		b.Fatal("no query finished")
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e6 }

	// The clients are gone: goroutines and heap settle back.
	var afterG int
	var afterHeap uint64
	for i := 0; i < 100; i++ {
		runtime.GC()
		afterG = runtime.NumGoroutine()
		runtime.ReadMemStats(&ms)
		afterHeap = ms.HeapAlloc
		if afterG <= baseG && afterHeap <= baseHeap+baseHeap/2+16<<20 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if afterG > baseG {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		b.Errorf("goroutines: %d before the clients, %d after they left\n%s", baseG, afterG, buf[:n])
	}
	if afterHeap > baseHeap+baseHeap/2+16<<20 {
		b.Errorf("heap: %d MiB before the clients, %d MiB after they left", baseHeap>>20, afterHeap>>20)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "queries/s")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MiB")
	b.ReportMetric(float64(afterHeap)/(1<<20), "heap-after-MiB")
	b.ReportMetric(float64(baseHeap)/(1<<20), "heap-before-MiB")
	b.ReportMetric(float64(afterG-baseG), "goroutines-left")
	b.Logf("%d clients, %s: %d queries, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; goroutines %d -> %d; heap %d -> %d MiB",
		clients, elapsed.Round(time.Second), len(lat), pct(0.5), pct(0.9), pct(0.99), pct(1), baseG, afterG, baseHeap>>20, afterHeap>>20)
}

// peakRSS is the process's peak resident set (VmHWM), in bytes; 0 where
// /proc is not there.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
