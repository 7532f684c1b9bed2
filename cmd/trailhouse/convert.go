package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/pipeline"
)

func newConvertCmd() *cobra.Command {
	var (
		from, to, tempDir, reportFmt, progress string
		cpuProfile, shard                      string
		workers, lookback, getConcurrency      int
		putConcurrency                         int
		maxMemory                              int64
		noState                                bool
		leaseTTL                               time.Duration
		s3opt                                  objstore.S3Options
	)
	cmd := &cobra.Command{
		Use:   "convert --from DIR|s3://BUCKET/PREFIX --to DIR|s3://BUCKET/PREFIX",
		Short: "Convert CloudTrail logs into the Parquet lake",
		Long: `Convert reads every CloudTrail object under --from and writes the events into the
Parquet lake at --to, partitioned as
  cloudtrail_logs/account=ACCOUNT/region=REGION/date=YYYY-MM-DD/part-RUNID.parquet
by each event's own account, region and UTC date. Insights events go to insights/.

Input: objects laid out as CloudTrail writes them
(AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/*.json.gz), and export files
(*.json, *.jsonl, *.ndjson, optionally .gz) holding {"Records":[...]}, a JSON array
of events, or one event per line. CloudTrail-Digest objects are never converted
(incremental runs do not list their folders; --no-state runs count them).
--from may be the folder holding AWSLogs/, AWSLogs/ itself or a folder inside it;
a trail under a key prefix (cloudtrail/AWSLogs/...) and export files beside AWSLogs/
are found too.

Runs are incremental: the lake keeps, under _trailhouse/state/, which source objects
were converted, and each run converts only new ones, listing just the delivery days
from --lookback days before each account/region's newest day onwards. A run holds a
lease in the lake, so a second run against the same lake (from any machine) stops with
a message naming the holder. A run killed at any point is completed by the next one:
every event ends up in the lake exactly once. --no-state converts everything under
--from without reading or writing state (a one-off conversion).

Either side may be S3 (s3://bucket/prefix), with the standard AWS credential chain
(environment, --profile, SSO, instance roles); --endpoint-url and --path-style reach
S3-compatible stores such as MinIO.

Bad input never stops the run: each object that cannot be read gets one line naming
it and the reason, events before a failure are kept, and everything else is
converted. Exact duplicate events (same eventID, same content) are dropped.
The run report is printed and saved under --to/_trailhouse/runs/.

Objects are fetched --get-concurrency at a time (16 from S3) ahead of the --workers
that decode them, and as many folders are listed at once while the run finds what
is new; objects up to 8 MiB are read whole first, so a download that
breaks off is simply fetched again. Lake files are committed --put-concurrency at
a time (32 to S3, 4 in a directory) while the writers go on with the next ones.

The first SIGINT (Ctrl-C) or SIGTERM stops the run cleanly: no new object is
started, the objects being read are finished, written and committed, and the rest
is left for the next run (the report says "stopped"). A second one stops at once;
the next run then completes the interrupted one.

Exit status: 0 all objects converted; 1 the run failed; 2 bad usage;
3 the run finished but some objects had problems (see the report).`,
		Example: `  trailhouse convert --from ./logs --to ./lake
  trailhouse convert --from s3://my-trail-bucket/ --to s3://my-lake/cloudtrail/ --profile audit
  trailhouse convert --from s3://bucket/AWSLogs/o-abc123/ --to ./lake --shard 0/4   # worker 0 of 4
  trailhouse convert --from s3://trail/ --to s3://lake/ --endpoint-url http://127.0.0.1:9000 --path-style
  trailhouse convert --from ./export --to ./lake --no-state --report json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || to == "" {
				return usageErr("convert needs --from and --to (run 'trailhouse convert --help')")
			}
			if !strings.HasPrefix(from, "s3://") {
				if st, err := os.Stat(from); err != nil || !st.IsDir() {
					return usageErr("--from %s: not a readable directory", from)
				}
			}
			var inc *pipeline.Incremental
			if !noState {
				i, n, err := parseShard(shard)
				if err != nil {
					return usageErr("--shard %q: %v", shard, err)
				}
				if lookback < 0 {
					return usageErr("--lookback must be >= 0")
				}
				inc = &pipeline.Incremental{Lookback: lookback, Shard: i, Shards: n, LeaseTTL: leaseTTL}
			} else if shard != "" {
				return usageErr("--shard needs the state: drop --no-state")
			}
			if reportFmt != "text" && reportFmt != "json" {
				return usageErr("--report must be text or json, not %q", reportFmt)
			}
			if maxMemory > 0 {
				// The Go heap's soft limit, below the target: RSS adds the
				// runtime's own overhead and what the GC has not yet returned.
				debug.SetMemoryLimit(maxMemory * 4 / 5)
			}
			// A source inside the layout is opened above it, so that keys
			// (and _source) keep the layout's folders.
			srcRoot, srcPrefix := ingest.SplitSource(from)
			src, err := objstore.Open(cmd.Context(), srcRoot, s3opt)
			if err != nil {
				return usageErr("--from: %v", err)
			}
			lake, err := objstore.Open(cmd.Context(), to, s3opt)
			if err != nil {
				return usageErr("--to: %v", err)
			}
			stderr := cmd.ErrOrStderr()
			logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
			ctx, drain, stopSignals := drainOnSignal(cmd.Context(), stderr)
			defer stopSignals()
			opt := pipeline.Options{
				From: src, FromPrefix: srcPrefix, To: lake, Workers: workers, GetConcurrency: getConcurrency, PutConcurrency: putConcurrency, TempDir: tempDir,
				MemoryBudget: maxMemory / 4, Logger: logger, Version: version, Incremental: inc, Drain: drain,
			}
			var b *bar
			switch {
			case progress == "bar" || progress == "auto" && isTerminalWriter(stderr):
				b = newBar(stderr)
				opt.Progress = b.update
			case progress != "none":
				opt.Progress = logProgress(slog.New(slog.NewTextHandler(stderr, nil)), 5*time.Second)
			}
			stopProfile, err := startCPUProfile(cpuProfile)
			if err != nil {
				return err
			}
			rep, err := pipeline.Convert(ctx, opt)
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
	f.StringVar(&from, "from", "", "source laid out like a CloudTrail bucket: a directory or s3://bucket/prefix (required)")
	f.StringVar(&to, "to", "", "lake to write: a directory (created if missing) or s3://bucket/prefix (required)")
	f.IntVar(&lookback, "lookback", 7, "delivery days before each account/region's newest one to list again for late deliveries")
	f.StringVar(&shard, "shard", "", "I/N: convert only shard I of N (account/region streams split by hash), for N parallel workers")
	f.BoolVar(&noState, "no-state", false, "convert everything under --from, without incremental state or lease")
	f.DurationVar(&leaseTTL, "lease-ttl", 5*time.Minute, "how long the run's lease outlives a crashed run (renewed while running)")
	addS3Flags(f, &s3opt)
	f.IntVar(&workers, "workers", 0, "objects decoded in parallel (default: number of CPUs)")
	f.IntVar(&getConcurrency, "get-concurrency", 0, "objects fetched (and folders listed) at once, ahead of decoding (default: 16 from S3, --workers from a directory)")
	f.IntVar(&putConcurrency, "put-concurrency", 0, "lake files committed at once while writing goes on (default: 32 to S3, 4 in a directory)")
	bytesVar(f, &maxMemory, "max-memory", 512<<20, "memory target (bytes, or 512MiB, 2GiB): a quarter buffers rows before they spill to --temp-dir; row groups end early enough to keep the writers near 40% of it")
	f.StringVar(&tempDir, "temp-dir", "", "directory for sorted runs spilled to disk (default: system temp)")
	f.StringVar(&reportFmt, "report", "text", "report format: text or json")
	f.StringVar(&cpuProfile, "cpu-profile", "", "write a Go CPU profile of the run to this file")
	f.StringVar(&progress, "progress", "auto", "progress display: auto (bar on a terminal, log lines otherwise), bar, log, none")
	return cmd
}

func printReport(w io.Writer, r *pipeline.Report) {
	fmt.Fprintf(w, "run %s: %s -> %s\n", r.RunID, r.Source, r.Lake)
	if ir := r.Incremental; ir != nil {
		if ir.Recovered != "" {
			fmt.Fprintf(w, "  recovered    run %s, which had not finished, was completed first\n", ir.Recovered)
		}
		fmt.Fprintf(w, "  listed       %d objects in %d days of %d account/region folders (shard %s, %d left to other shards); %d already converted, %d new\n",
			ir.Listed, ir.Days, ir.Streams, ir.Shard, ir.StreamsSkipped, ir.AlreadyDone, ir.New)
		if ir.Expired+ir.Changed+ir.Retried > 0 {
			fmt.Fprintf(w, "  not taken    %d before the look-back window, %d changed since converted, %d left for the next run (could not be fetched)\n",
				ir.Expired, ir.Changed, ir.Retried)
		}
		for _, u := range ir.Unlisted {
			fmt.Fprintf(w, "  not listed   %s (skipped; a later run converts its objects)\n", printable(u))
		}
	}
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
	if r.Stopped {
		fmt.Fprintf(w, "  stopped      on request: %d objects not started, left for the next run\n", r.NotStarted)
	}
	for _, p := range r.Problems {
		kind := "problem"
		if p.Fatal {
			kind = "failed"
		}
		fmt.Fprintf(w, "  %s: %s: %s\n", kind, printable(p.Object), printable(p.Error))
	}
	for _, p := range r.Warnings {
		fmt.Fprintf(w, "  warning: %s: %s\n", printable(p.Object), printable(p.Error))
	}
	q := r.Requests
	fmt.Fprintf(w, "  requests     source %d LIST, %d GET, %d HEAD; lake %d LIST, %d GET, %d PUT, %d DELETE\n",
		q.Source.List, q.Source.Get, q.Source.Head, q.Lake.List, q.Lake.Get, q.Lake.Put, q.Lake.Delete)
}

// printable is s, or s quoted in Go syntax when it holds a character that
// is not printable (a newline, a terminal escape in an object's name), so
// that one problem stays one line and cannot drive the terminal.
func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

// drainOnSignal returns the context of a run and the drain channel the
// first SIGINT or SIGTERM closes (saying so on w); a second one cancels the
// context. The context is detached from parent's cancellation, because
// main's signal context is cancelled by the first signal too: here that
// signal means drain, not stop. stop ends the handling.
func drainOnSignal(parent context.Context, w io.Writer) (ctx context.Context, drain <-chan struct{}, stop func()) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ch, done := make(chan struct{}), make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			fmt.Fprintf(w, "\ntrailhouse: %v: stopping cleanly: finishing the objects in flight and committing them; the rest is left for the next run (again to stop at once)\n", s)
			close(ch)
		case <-done:
			return
		}
		select {
		case s := <-sigs:
			fmt.Fprintf(w, "\ntrailhouse: %v again: stopping at once; the next run completes this one\n", s)
			cancel()
		case <-done:
		}
	}()
	return ctx, ch, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
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

// parseShard parses "I/N" ("" is 0/1).
func parseShard(s string) (int, int, error) {
	if s == "" {
		return 0, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("want I/N with 0 <= I < N, e.g. 0/4")
	}
	return i, n, nil
}

// addS3Flags adds the flags that reach S3 and S3-compatible stores.
func addS3Flags(f *pflag.FlagSet, o *objstore.S3Options) {
	f.StringVar(&o.Profile, "profile", "", "AWS shared-config profile (default: the standard credential chain)")
	f.StringVar(&o.Region, "region", "", "AWS region of the buckets (default: from the profile or environment, else us-east-1)")
	f.StringVar(&o.EndpointURL, "endpoint-url", "", "S3-compatible endpoint, e.g. http://127.0.0.1:9000 for MinIO")
	f.BoolVar(&o.PathStyle, "path-style", false, "path-style S3 addressing (needed by most S3-compatible stores)")
	o.MaxRetries = objstore.DefaultS3MaxRetries
	f.Var((*retriesFlag)(&o.MaxRetries), "s3-retries", "retries of a failed or throttled S3 request, with backoff (0: none)")
}

// retriesFlag is a retry count as S3Options wants it: there 0 means the
// default, so an explicit 0 (no retries) is stored as -1.
type retriesFlag int

func (r *retriesFlag) String() string {
	if *r < 0 {
		return "0"
	}
	return strconv.Itoa(int(*r))
}

func (r *retriesFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("want a count >= 0")
	}
	if n == 0 {
		n = -1
	}
	*r = retriesFlag(n)
	return nil
}

func (r *retriesFlag) Type() string { return "int" }
