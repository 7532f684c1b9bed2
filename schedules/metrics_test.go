package schedules

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestMetricsExposition reads /metrics as Prometheus would after two runs
// of a convert job (one good, one failed) and a skipped fire.
func TestMetricsExposition(t *testing.T) {
	now := time.Date(2026, 1, 4, 12, 0, 0, 0, time.UTC)
	m := NewMetrics(func() time.Time { return now })
	job := &Job{Name: "nightly", Kind: "convert"}
	newest := now.Add(-90 * time.Minute)
	m.observe(job, &Record{Outcome: "ok", Started: now.Add(-time.Hour), Seconds: 42, Events: 1200, BytesIn: 5000, BytesOut: 3000, NewestEvent: &newest})
	m.observe(job, &Record{Outcome: "failed", Started: now.Add(-time.Minute), Seconds: 3, Errors: []string{"list s3://b/: throttled"}})
	m.skipped(job)

	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	text := string(b)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type %q, want the Prometheus text format", ct)
	}
	for _, want := range []string{
		`trailhouse_job_runs_total{job="nightly",kind="convert",outcome="ok"} 1`,
		`trailhouse_job_runs_total{job="nightly",kind="convert",outcome="failed"} 1`,
		`trailhouse_job_failures_total{job="nightly",kind="convert"} 1`,
		`trailhouse_job_skipped_total{job="nightly",kind="convert"} 1`,
		`trailhouse_events_converted_total{job="nightly",kind="convert"} 1200`,
		`trailhouse_bytes_read_total{job="nightly",kind="convert"} 5000`,
		`trailhouse_bytes_written_total{job="nightly",kind="convert"} 3000`,
		`trailhouse_job_duration_seconds_count{job="nightly",kind="convert"} 2`,
		`trailhouse_job_last_success_timestamp_seconds{job="nightly",kind="convert"} 1.7675244e+09`,
		`trailhouse_lag_seconds 5400`,
		"go_goroutines",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(text, "throttled") {
		t.Error("/metrics carries error text")
	}
}
