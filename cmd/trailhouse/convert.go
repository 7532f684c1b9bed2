package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/pipeline"
)

func newConvertCmd() *cobra.Command {
	var (
		from, to, tempDir, reportFmt, progress string
		cpuProfile                             string
		workers                                int
		maxMemory                              int64
	)
	cmd := &cobra.Command{
		Use:   "convert --from DIR --to DIR",
		Short: "Convert CloudTrail logs into the Parquet lake",
		Long: `Convert reads every CloudTrail object under --from and writes the events into the
Parquet lake at --to, partitioned as
  cloudtrail_logs/account=ACCOUNT/region=REGION/date=YYYY-MM-DD/part-RUNID.parquet
by each event's own account, region and UTC date. Insights events go to insights/.

Input: objects laid out as CloudTrail writes them
(AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/*.json.gz), and export files
(*.json, *.jsonl, *.ndjson, optionally .gz) holding {"Records":[...]}, a JSON array
of events, or one event per line. CloudTrail-Digest objects are counted, not converted.

Bad input never stops the run: each object that cannot be read gets one line naming
it and the reason, events before a failure are kept, and everything else is
converted. Exact duplicate events (same eventID, same content) are dropped.
The run report is printed and saved under --to/_trailhouse/runs/.

Exit status: 0 all objects converted; 1 the run failed; 2 bad usage;
3 the run finished but some objects had problems (see the report).`,
		Example: `  trailhouse convert --from ./logs --to ./lake
  trailhouse convert --from /mnt/bucket --to ./lake --report json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || to == "" {
				return usageErr("convert needs --from and --to (run 'trailhouse convert --help')")
			}
			if st, err := os.Stat(from); err != nil || !st.IsDir() {
				return usageErr("--from %s: not a readable directory", from)
			}
			if reportFmt != "text" && reportFmt != "json" {
				return usageErr("--report must be text or json, not %q", reportFmt)
			}
			if maxMemory > 0 {
				debug.SetMemoryLimit(maxMemory)
			}
			src, err := objstore.NewDir(from)
			if err != nil {
				return err
			}
			lake, err := objstore.NewDir(to)
			if err != nil {
				return err
			}
			logger := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelWarn}))
			opt := pipeline.Options{
				From: src, To: lake, Workers: workers, TempDir: tempDir,
				MemoryBudget: maxMemory / 4, Logger: logger, Version: version,
			}
			useBar := progress == "bar" || progress == "auto" && isTerminal(os.Stderr)
			var b *bar
			switch {
			case useBar:
				b = newBar(cmd.ErrOrStderr())
				opt.Progress = b.update
			case progress != "none":
				opt.Progress = logProgress(slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil)))
			}
			stopProfile, err := startCPUProfile(cpuProfile)
			if err != nil {
				return err
			}
			rep, err := pipeline.Convert(cmd.Context(), opt)
			stopProfile()
			if b != nil {
				b.done()
			}
			if err != nil {
				return err
			}
			if reportFmt == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep); err != nil {
					return err
				}
			} else {
				printReport(cmd.OutOrStdout(), rep)
			}
			if rep.Failed() {
				return &exitError{code: exitProblems, err: fmt.Errorf("%d objects had problems", rep.BadObjects)}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "source directory laid out like a CloudTrail bucket (required)")
	f.StringVar(&to, "to", "", "lake directory to write (required; created if missing)")
	f.IntVar(&workers, "workers", 0, "objects decoded in parallel (default: number of CPUs)")
	f.Int64Var(&maxMemory, "max-memory", 512<<20, "memory target in bytes: a quarter buffers rows before they spill to --temp-dir")
	f.StringVar(&tempDir, "temp-dir", "", "directory for sorted runs spilled to disk (default: system temp)")
	f.StringVar(&reportFmt, "report", "text", "report format: text or json")
	f.StringVar(&cpuProfile, "cpu-profile", "", "write a Go CPU profile of the run to this file")
	f.StringVar(&progress, "progress", "auto", "progress display: auto (bar on a terminal, log lines otherwise), bar, log, none")
	return cmd
}

func logProgress(l *slog.Logger) func(pipeline.Progress) {
	var last time.Time
	return func(p pipeline.Progress) {
		if time.Since(last) < 5*time.Second {
			return
		}
		last = time.Now()
		l.Info("progress", "phase", p.Phase, "objects", p.ObjectsDone, "objects_total", p.ObjectsTotal,
			"events", p.Events, "rows_written", p.RowsWritten)
	}
}

func printReport(w io.Writer, r *pipeline.Report) {
	fmt.Fprintf(w, "run %s: %s -> %s\n", r.RunID, r.Source, r.Lake)
	fmt.Fprintf(w, "  objects      %d read (%d insight), %d digest, %d skipped, %d with problems\n",
		r.Objects, r.InsightObjects, r.DigestObjects, r.SkippedObjects, r.BadObjects)
	fmt.Fprintf(w, "  events       %d decoded, %d written (%d to insights), %d duplicates dropped, %d rejected items\n",
		r.Events, r.Rows, r.InsightEvents, r.Duplicates, r.RejectedItems)
	if r.Conflicts > 0 {
		fmt.Fprintf(w, "  conflicts    %d events share an eventID with different content (all kept)\n", r.Conflicts)
	}
	if r.NoEventTime+r.DefaultAccount+r.DefaultRegion > 0 {
		fmt.Fprintf(w, "  default      %d without eventTime, %d without valid account, %d without valid region (in __HIVE_DEFAULT_PARTITION__)\n",
			r.NoEventTime, r.DefaultAccount, r.DefaultRegion)
	}
	ratio := 0.0
	if r.BytesIn > 0 {
		ratio = float64(r.BytesOut) / float64(r.BytesIn)
	}
	fmt.Fprintf(w, "  bytes        %s in, %s out (%.2fx), %d files in %d partitions\n",
		humanBytes(r.BytesIn), humanBytes(r.BytesOut), ratio, r.Files, r.Partitions)
	fmt.Fprintf(w, "  speed        %.1fs, %.0f events/s, peak memory %s, %d spills\n",
		r.Seconds, r.EventsPerSecond, humanBytes(r.PeakRSSBytes), r.Spills)
	for _, p := range r.Problems {
		kind := "problem"
		if p.Fatal {
			kind = "failed"
		}
		fmt.Fprintf(w, "  %s: %s: %s\n", kind, p.Object, p.Error)
	}
}

// startCPUProfile starts a CPU profile into path ("" does nothing) and
// returns the function that stops it.
func startCPUProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
