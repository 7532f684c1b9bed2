package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/schedules"
)

func newScheduleCmd() *cobra.Command {
	var (
		configPath, listen, logFormat string
	)
	cmd := &cobra.Command{
		Use:   "schedule --config FILE",
		Short: "Run the config's jobs (convert, compact, retention) on their schedules, as a daemon",
		Long: `Schedule runs the jobs of a config file (see 'trailhouse config init') on their cron
schedules until it gets SIGTERM or SIGINT.

Before anything starts, the config is checked: unknown keys, bad cron expressions,
missing values and unreachable stores (one LIST each) are refused with the file and
line, and the exit status is 2.

Semantics:
  - A job never overlaps itself: a fire while its run (or retry) is in progress is
    skipped and logged.
  - At start-up, a job whose last success is older than its schedule's previous fire
    time (it was missed while the daemon was down) runs once: the catch-up
    (catch_up: false in a job turns it off).
  - A failed run is retried after backoff, doubling up to max_backoff, at most
    attempts times in all (retry: in the config).
  - On SIGTERM no new run starts; runs in progress get grace_period to finish and
    commit, and are then cancelled. A cancelled conversion is completed by the next
    run, so every event still lands in the lake exactly once.
  - Every run (attempt) is recorded in the lake under _trailhouse/runs/jobs/JOB/, so
    'trailhouse status' works from any machine.

With --listen (or listen: in the config), /healthz answers 200 while jobs are
scheduled (503 once stopping) and /metrics serves Prometheus metrics: runs by
outcome, failures, skips, durations, events and bytes converted, lag.

Logs are slog lines on stderr. Credentials from the config are never logged.`,
		Example: `  trailhouse config init --out trailhouse.yaml   # then edit it
  trailhouse config check --config trailhouse.yaml
  trailhouse schedule --config trailhouse.yaml
  trailhouse schedule --config /etc/trailhouse.yaml --listen :9464 --log-format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			logger, err := newLogger(cmd.ErrOrStderr(), logFormat)
			if err != nil {
				return err
			}
			c, err := loadConfig(cmd.Context(), configPath, true)
			if err != nil {
				return err
			}
			if listen != "" {
				c.Listen = listen
			}
			d, err := newDaemon(cmd.Context(), c, logger)
			if err != nil {
				return err
			}
			d.Metrics = schedules.NewMetrics(time.Now)
			if c.Listen != "" {
				ln, err := net.Listen("tcp", c.Listen)
				if err != nil {
					return usageErr("listen %s: %v", c.Listen, err)
				}
				srv := &http.Server{Handler: schedules.Handler(d, d.Metrics), ReadHeaderTimeout: 10 * time.Second}
				go func() {
					if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
						logger.Error("metrics server", "error", err)
					}
				}()
				defer srv.Close()
				logger.Info("serving /healthz and /metrics", "address", ln.Addr().String())
			}
			// The runs outlive the signal by the grace period: the daemon
			// gets the signal as stop, and cancels them itself.
			return d.Run(context.WithoutCancel(cmd.Context()), cmd.Context().Done())
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "trailhouse.yaml", "config file (see 'trailhouse config init')")
	f.StringVar(&listen, "listen", "", "address for /healthz and /metrics, e.g. :9464 (overrides listen: in the config)")
	f.StringVar(&logFormat, "log-format", "text", "log lines on stderr: text or json")
	return cmd
}

// loadConfig loads and validates a config file, and with probe checks
// that its stores can be reached. Problems are usage errors (exit 2).
func loadConfig(ctx context.Context, path string, probe bool) (*schedules.Config, error) {
	c, err := schedules.Load(path, nil)
	if err != nil {
		return nil, &exitError{code: exitUsage, err: err}
	}
	if probe {
		if err := c.Probe(ctx); err != nil {
			return nil, &exitError{code: exitUsage, err: err}
		}
	}
	return c, nil
}

// newDaemon wires a daemon over the config's stores.
func newDaemon(ctx context.Context, c *schedules.Config, logger *slog.Logger) (*schedules.Daemon, error) {
	if c.MaxMemory > 0 {
		debug.SetMemoryLimit(c.MaxMemory * 4 / 5)
	}
	exec, err := schedules.NewPipelineExecutor(ctx, c, logger, version)
	if err != nil {
		return nil, err
	}
	return &schedules.Daemon{
		Config: c, Exec: exec, Logger: logger, Version: version,
		History: &schedules.LakeHistory{Lake: exec.Lake, Keep: c.HistoryKeep},
	}, nil
}

func newLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, usageErr("--log-format must be text or json, not %q", format)
}
