package schedules

import (
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the daemon's Prometheus metrics, in a registry of their own
// (with the Go and process collectors). A nil *Metrics records nothing.
type Metrics struct {
	Registry *prometheus.Registry

	runs         *prometheus.CounterVec
	failures     *prometheus.CounterVec
	skips        *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	events       *prometheus.CounterVec
	bytesIn      *prometheus.CounterVec
	bytesOut     *prometheus.CounterVec
	deleted      *prometheus.CounterVec
	running      *prometheus.GaugeVec
	lastSuccess  *prometheus.GaugeVec
	nextRun      *prometheus.GaugeVec
	up           prometheus.Gauge
	mu           sync.Mutex
	newestEvent  time.Time
	now          func() time.Time
	lagCollector prometheus.GaugeFunc
}

// NewMetrics registers the metrics; now is the clock of the lag.
func NewMetrics(now func() time.Time) *Metrics {
	m := &Metrics{Registry: prometheus.NewRegistry(), now: now}
	job := []string{"job", "kind"}
	m.runs = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "trailhouse_job_runs_total",
		Help: "Runs (attempts) of a job by outcome: ok, problems, failed, stopped."}, append(job, "outcome"))
	m.failures = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "trailhouse_job_failures_total",
		Help: "Runs of a job that failed or were stopped (each retry counts)."}, job)
	m.skips = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "trailhouse_job_skipped_total",
		Help: "Scheduled fires skipped because the previous run of the job was still running."}, job)
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "trailhouse_job_duration_seconds",
		Help:    "Duration of runs of a job.",
		Buckets: []float64{1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14400, 28800}}, job)
	m.events = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "trailhouse_events_converted_total",
		Help: "Events converted (convert jobs) or rows rewritten (compact jobs)."}, job)
	m.bytesIn = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "trailhouse_bytes_read_total",
		Help: "Bytes read: log objects (convert) or Parquet (compact)."}, job)
	m.bytesOut = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "trailhouse_bytes_written_total",
		Help: "Parquet bytes written to the lake."}, job)
	m.deleted = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "trailhouse_retention_partitions_total",
		Help: "Partitions deleted by retention jobs (dry runs: that would have been deleted), by dry_run."}, []string{"job", "dry_run"})
	m.running = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "trailhouse_job_running",
		Help: "1 while a run of the job is in progress."}, job)
	m.lastSuccess = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "trailhouse_job_last_success_timestamp_seconds",
		Help: "Start time of the job's last successful run (Unix seconds)."}, job)
	m.nextRun = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "trailhouse_job_next_run_timestamp_seconds",
		Help: "When the job fires next (Unix seconds)."}, job)
	m.up = prometheus.NewGauge(prometheus.GaugeOpts{Name: "trailhouse_schedule_up",
		Help: "1 while the daemon schedules jobs, 0 once it is stopping."})
	m.lagCollector = prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "trailhouse_lag_seconds",
		Help: "Now minus the newest converted eventTime in the lake (NaN until a convert run recorded one)."},
		m.lag)
	m.Registry.MustRegister(m.runs, m.failures, m.skips, m.duration, m.events, m.bytesIn, m.bytesOut, m.deleted,
		m.running, m.lastSuccess, m.nextRun, m.up, m.lagCollector,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}

func (m *Metrics) lag() float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.newestEvent.IsZero() {
		return nan()
	}
	return m.now().Sub(m.newestEvent).Seconds()
}

func nan() float64 {
	var zero float64
	return zero / zero
}

func labels(j *Job) prometheus.Labels { return prometheus.Labels{"job": j.Name, "kind": j.Kind} }

func (m *Metrics) observe(j *Job, r *Record) {
	if m == nil {
		return
	}
	l := labels(j)
	m.runs.With(prometheus.Labels{"job": j.Name, "kind": j.Kind, "outcome": r.Outcome}).Inc()
	if !r.Success() {
		m.failures.With(l).Inc()
	} else {
		m.lastSuccess.With(l).Set(float64(r.Started.Unix()))
	}
	m.duration.With(l).Observe(r.Seconds)
	m.events.With(l).Add(float64(r.Events))
	m.bytesIn.With(l).Add(float64(r.BytesIn))
	m.bytesOut.With(l).Add(float64(r.BytesOut))
	if r.Retention != nil {
		dry := "false"
		if r.Retention.DryRun {
			dry = "true"
		}
		m.deleted.With(prometheus.Labels{"job": j.Name, "dry_run": dry}).Add(float64(r.Retention.Partitions))
	}
	if r.NewestEvent != nil {
		m.setNewestEvent(*r.NewestEvent)
	}
}

func (m *Metrics) setNewestEvent(t time.Time) {
	if m == nil {
		return
	}
	m.mu.Lock()
	if t.After(m.newestEvent) {
		m.newestEvent = t
	}
	m.mu.Unlock()
}

func (m *Metrics) skipped(j *Job) {
	if m != nil {
		m.skips.With(labels(j)).Inc()
	}
}

func (m *Metrics) setRunning(j *Job, on bool) {
	if m == nil {
		return
	}
	v := 0.0
	if on {
		v = 1
	}
	m.running.With(labels(j)).Set(v)
}

func (m *Metrics) setNext(j *Job, t time.Time) {
	if m != nil {
		m.nextRun.With(labels(j)).Set(float64(t.Unix()))
	}
}

func (m *Metrics) setLastSuccess(j *Job, t time.Time) {
	if m != nil {
		m.lastSuccess.With(labels(j)).Set(float64(t.Unix()))
	}
}

func (m *Metrics) setUp(up bool) {
	if m == nil {
		return
	}
	if up {
		m.up.Set(1)
	} else {
		m.up.Set(0)
	}
}

// Handler serves /healthz (200 while d schedules, 503 once it stops) and,
// if m is not nil, /metrics.
func Handler(d *Daemon, m *Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		if d.Healthy() {
			w.Write([]byte("ok\n"))
			return
		}
		http.Error(w, "stopping", http.StatusServiceUnavailable)
	})
	if m != nil {
		mux.Handle("/metrics", m.Handler())
	}
	return mux
}
