package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/schedules"
)

func newRunCmd() *cobra.Command {
	var (
		configPath, logFormat string
		noRetry               bool
	)
	cmd := &cobra.Command{
		Use:   "run JOB --config FILE",
		Short: "Run one job of the config once, now (for system cron, a Kubernetes CronJob, or by hand)",
		Long: `Run runs the job named JOB of the config file once, now, with the same checks,
retries, run record and SIGTERM handling as 'trailhouse schedule', and exits.

Use it where something else does the scheduling: a system crontab, a systemd timer,
a Kubernetes CronJob (see docs/operations.md). Two runs of one convert or compact job
never work on the lake at once, from any machines: the second finds the lake's lease
held and fails (and is retried after backoff).

Exit status: 0 the run succeeded; 1 it failed or was stopped (see the error and
'trailhouse status'); 2 bad usage or a bad config; 3 it finished, but some objects
had problems (listed).`,
		Example: `  trailhouse run convert --config trailhouse.yaml
  trailhouse run retention --config trailhouse.yaml     # dry run unless dry_run: false
  trailhouse run compact --config trailhouse.yaml --no-retry`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("run needs the name of one job (run 'trailhouse status --config FILE' to list them)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			logger, err := newLogger(cmd.ErrOrStderr(), logFormat)
			if err != nil {
				return err
			}
			c, err := loadConfig(cmd.Context(), configPath, false)
			if err != nil {
				return err
			}
			j, err := c.Job(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			if noRetry {
				j.Retry.Attempts = 1
			}
			if err := c.Probe(cmd.Context()); err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			d, err := newDaemon(cmd.Context(), c, logger)
			if err != nil {
				return err
			}
			rec, err := d.RunJob(cmd.Context(), j.Name, cmd.Context().Done())
			if err != nil {
				return err
			}
			printRecord(cmd.OutOrStdout(), rec)
			switch rec.Outcome {
			case schedules.OutcomeOK:
				return nil
			case schedules.OutcomeProblems:
				return &exitError{code: exitProblems, err: fmt.Errorf("job %s: %d objects had problems", j.Name, rec.BadObjects)}
			}
			return fmt.Errorf("job %s %s: %s", j.Name, rec.Outcome, firstOr(rec.Errors, "no error recorded"))
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "trailhouse.yaml", "config file")
	f.BoolVar(&noRetry, "no-retry", false, "one attempt only, whatever the config's retry: says")
	f.StringVar(&logFormat, "log-format", "text", "log lines on stderr: text or json")
	return cmd
}

func firstOr(s []string, def string) string {
	if len(s) == 0 {
		return def
	}
	return s[0]
}

// printRecord prints a run record in a few lines.
func printRecord(w io.Writer, r *schedules.Record) {
	fmt.Fprintf(w, "job %s (%s): %s after %.1fs, attempt %d (%s)\n", r.Job, r.Kind, r.Outcome, r.Seconds, r.Attempt, r.Trigger)
	switch {
	case r.Retention != nil:
		rs := r.Retention
		verb := "deleted"
		if rs.DryRun {
			verb = "would delete (dry run; set dry_run: false to delete)"
		}
		fmt.Fprintf(w, "  retention    %s %d partitions dated before %s: %d files, %s\n", verb, rs.Partitions, rs.Cutoff, rs.Files, humanBytes(rs.Bytes))
		for _, p := range rs.Listed {
			fmt.Fprintf(w, "    %s\n", p)
		}
		if len(rs.Listed) < rs.Partitions {
			fmt.Fprintf(w, "    … and %d more\n", rs.Partitions-len(rs.Listed))
		}
	case r.Compact != nil:
		c := r.Compact
		fmt.Fprintf(w, "  compact      %d partitions: %d files -> %d, %d rows -> %d (%d duplicates dropped), %s -> %s\n",
			c.Partitions, c.InputFiles, c.OutputFiles, c.RowsIn, r.Events, c.Duplicates, humanBytes(r.BytesIn), humanBytes(r.BytesOut))
	default:
		fmt.Fprintf(w, "  converted    %d objects (%d with problems), %d events, %s in, %s out\n",
			r.Objects, r.BadObjects, r.Events, humanBytes(r.BytesIn), humanBytes(r.BytesOut))
		if r.NewestEvent != nil {
			fmt.Fprintf(w, "  newest event %s\n", r.NewestEvent.Format("2006-01-02T15:04:05Z"))
		}
		if r.Report != "" {
			fmt.Fprintf(w, "  report       %s\n", r.Report)
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "  error: %s\n", strings.TrimSpace(e))
	}
}
