package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/query"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/result"
)

type queryFlags struct {
	lake      string
	file      string
	format    string
	output    string
	maxMemory int64
	timeout   time.Duration
	stats     bool
	profile   string
	s3opt     objstore.S3Options
}

func newQueryCmd() *cobra.Command {
	var qf queryFlags
	cmd := &cobra.Command{
		Use:   `query --lake DIR|s3://BUCKET/PREFIX ["SQL"]`,
		Short: "Run SQL (Athena/Trino dialect) over the lake",
		Long: `Query runs SQL over the lake, in the dialect analysts use on Athena: the table is
cloudtrail_logs (alias cloudtrail), with Athena's names (useridentity.arn,
CROSS JOIN UNNEST(resources) AS t(r), from_iso8601_timestamp(eventtime), ...)
mapped onto the lake's columns (docs/schema.md, docs/query.md).

The statement comes from the argument, from -f FILE (several statements separated by
";"), or, when neither is given and stdin is a terminal, from an interactive shell
with history. Otherwise statements are read from stdin.

Only what the query needs is read: partitions by filters on account, region, date
and eventtime, row groups by column statistics and bloom filters (eventid,
useridentity.arn, useridentity.accesskeyid, sourceipaddress), and only the columns
used. EXPLAIN shows the plan and what it will read; EXPLAIN ANALYZE runs it and
shows what each step did.

Ctrl-C cancels the running statement. Exit status: 0 ok, 1 the statement failed,
2 bad flags or a statement that does not parse or resolve.`,
		Example: `  trailhouse query --lake ./demo/lake "SELECT eventname, count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
  trailhouse query --lake ./demo/lake --format csv --output top.csv -f report.sql
  trailhouse query --lake s3://my-lake/trail --profile audit "SHOW PARTITIONS cloudtrail_logs"
  trailhouse query --lake ./demo/lake "EXPLAIN ANALYZE SELECT count(*) FROM cloudtrail WHERE date = '2024-03-14'"`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if qf.lake == "" {
				return usageErr("query needs --lake DIR or --lake s3://bucket/prefix")
			}
			if len(args) == 1 && qf.file != "" {
				return usageErr("give the SQL as an argument or with -f, not both")
			}
			if !validFormat(qf.format) {
				return usageErr("--format %q: use one of %s", qf.format, strings.Join(result.Formats, ", "))
			}
			queryGC(qf.maxMemory * 5 / 4)
			stop, err := startCPUProfile(qf.profile)
			if err != nil {
				return err
			}
			defer stop()
			ctx := cmd.Context()
			lake, err := objstore.Open(ctx, qf.lake, qf.s3opt)
			if err != nil {
				return err
			}
			eng, err := query.Open(ctx, lake, query.Options{MaxMemory: qf.maxMemory})
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if qf.output != "" {
				f, err := os.Create(qf.output)
				if err != nil {
					return err
				}
				defer f.Close()
				out = f
			}
			var script string
			switch {
			case len(args) == 1:
				script = args[0]
			case qf.file != "":
				b, err := os.ReadFile(qf.file)
				if err != nil {
					return usageErr("%v", err)
				}
				script = string(b)
			case isTerminal(os.Stdin):
				return runShell(ctx, eng, &qf, out, cmd.ErrOrStderr())
			default:
				b, err := io.ReadAll(cmd.InOrStdin())
				if err != nil {
					return err
				}
				script = string(b)
			}
			return runScript(ctx, eng, &qf, script, out, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&qf.lake, "lake", "", "the lake: a directory or s3://bucket/prefix")
	f.StringVarP(&qf.file, "file", "f", "", "read statements from this file (separated by ;)")
	f.StringVar(&qf.format, "format", "table", "output format: "+strings.Join(result.Formats, ", "))
	f.StringVarP(&qf.output, "output", "o", "", "write results to this file instead of stdout")
	bytesVar(f, &qf.maxMemory, "max-memory", 4<<30, "memory limit (bytes, or 512MiB, 4GiB) for a statement's hash tables, sorts and buffers (0: none)")
	f.DurationVar(&qf.timeout, "timeout", 0, "stop a statement that runs longer than this, e.g. 5m (0: no limit)")
	f.BoolVar(&qf.stats, "stats", false, "print what each statement read (partitions, files, bytes, time) to stderr")
	f.StringVar(&qf.profile, "cpu-profile", "", "write a Go CPU profile of the statements to this file")
	addS3Flags(f, &qf.s3opt)
	return cmd
}

func validFormat(f string) bool {
	for _, x := range result.Formats {
		if f == x {
			return true
		}
	}
	return false
}

// runScript runs each statement of script in turn, stopping at the first
// failure.
func runScript(ctx context.Context, eng *query.Engine, qf *queryFlags, script string, out, errOut io.Writer) error {
	pieces := parse.Split(script)
	if len(pieces) == 0 {
		return usageErr("no statement to run")
	}
	for _, pc := range pieces {
		if err := runStatement(ctx, eng, qf, script, pc, out, errOut); err != nil {
			return err
		}
	}
	return nil
}

func runStatement(ctx context.Context, eng *query.Engine, qf *queryFlags, script string, pc parse.Piece, out, errOut io.Writer) error {
	st, err := pc.Parse()
	if err != nil {
		return statementErr(err)
	}
	if qf.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, qf.timeout)
		defer cancel()
	}
	rows, err := eng.Statement(ctx, script, st)
	if err != nil {
		return statementErr(err)
	}
	defer rows.Close()
	_, err = result.Write(ctx, out, qf.format, rows)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("statement stopped after --timeout %s", qf.timeout)
		}
		return err
	}
	if qf.stats {
		s := rows.Stats()
		fmt.Fprintf(errOut, "read %d/%d partitions, %d/%d files, %d/%d row groups, %s of %s, %d rows; peak memory %s; %s\n",
			s.Partitions, s.PartitionsTotal, s.Files, s.FilesTotal, s.RowGroups, s.RowGroupsTotal,
			humanBytes(s.Bytes), humanBytes(s.BytesTotal), s.Rows, humanBytes(s.PeakMemory), s.Elapsed.Round(time.Millisecond))
	}
	return nil
}

// statementErr shows parse and name errors with their caret, as usage
// errors (exit 2).
func statementErr(err error) error {
	var pe *parse.Error
	if errors.As(err, &pe) {
		return &exitError{code: exitUsage, err: errors.New(pe.Pretty())}
	}
	return err
}

// queryGC sets the Go runtime for running queries: a soft memory limit of
// limit bytes (none when limit <= 0) and, unless GOGC is set, a collector
// that runs at 4 times the live heap instead of 2. Queries allocate and
// drop whole batches at a high rate over a small live heap; the default
// spends a third of a scan's CPU on collection, and the memory limit
// still bounds the total.
func queryGC(limit int64) {
	if limit > 0 {
		debug.SetMemoryLimit(limit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}
