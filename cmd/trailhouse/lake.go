package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/pipeline"
	"github.com/trailhouse/trailhouse/partition"
)

func newPartitionsCmd() *cobra.Command {
	var lakeDir string
	var summary bool
	cmd := &cobra.Command{
		Use:   "partitions --lake DIR",
		Short: "List the lake's partitions with their files, rows and bytes",
		Long: `Partitions lists every partition directory of the lake (both tables) with its
number of Parquet files, rows (from the file footers) and bytes. With --summary it
prints totals per table and per account instead.`,
		Example: "  trailhouse partitions --lake ./demo/lake --summary",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if lakeDir == "" {
				return usageErr("partitions needs --lake")
			}
			lake, err := objstore.NewDir(lakeDir)
			if err != nil {
				return err
			}
			parts, err := partition.List(cmd.Context(), lake)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', tabwriter.AlignRight)
			defer w.Flush()
			if !summary {
				fmt.Fprintln(w, "PARTITION\tFILES\tROWS\tBYTES\t")
				for _, p := range parts {
					fmt.Fprintf(w, "%s\t%d\t%d\t%s\t\n", p.Key.Dir(), len(p.Files), p.Rows, humanBytes(p.Bytes))
				}
				return nil
			}
			type agg struct {
				parts, files int
				rows, bytes  int64
				days         map[string]bool
			}
			order := []string{}
			by := map[string]*agg{}
			for _, p := range parts {
				for _, name := range []string{p.Key.Table + " (all)", p.Key.Table + " account=" + p.Key.Account} {
					a := by[name]
					if a == nil {
						a = &agg{days: map[string]bool{}}
						by[name] = a
						order = append(order, name)
					}
					a.parts++
					a.files += len(p.Files)
					a.rows += p.Rows
					a.bytes += p.Bytes
					a.days[p.Key.Date] = true
				}
			}
			fmt.Fprintln(w, "TABLE / ACCOUNT\tPARTITIONS\tDAYS\tFILES\tROWS\tBYTES\t")
			for _, name := range order {
				a := by[name]
				if strings.HasSuffix(name, "(all)") {
					fmt.Fprintln(w, "\t\t\t\t\t\t")
				}
				fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%s\t\n", name, a.parts, len(a.days), a.files, a.rows, humanBytes(a.bytes))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&lakeDir, "lake", "", "lake directory (required)")
	cmd.Flags().BoolVar(&summary, "summary", false, "totals per table and account instead of one line per partition")
	return cmd
}

func newCompactCmd() *cobra.Command {
	var (
		lakeDir, prefix string
		target          int64
		dryRun          bool
		s3opt           objstore.S3Options
		maxMemory       int64
		minFiles        int
	)
	cmd := &cobra.Command{
		Use:   "compact --lake DIR",
		Short: "Merge each partition's files into target-size files, dropping duplicates",
		Long: `Compact merges the Parquet files of every partition that has more than one file
(one per conversion run) into files of about --target-size bytes, sorted by eventtime,
dropping exact duplicate events across them (same eventID, same content). New files
are committed before the old ones are removed: a crash in between leaves duplicates
that the next compact removes, never a loss.

--min-files 1 rewrites every partition, also those of one file: that repairs the
footers of files written by trailhouse before 2026-12-02, which named no column in
their column chunks' path_in_schema (parquet-mr, Spark and Trino look columns up by
those names; DuckDB and Arrow read them by position) and declared a wrong sort order.`,
		Example: `  trailhouse compact --lake ./lake
  trailhouse compact --lake ./lake --partition cloudtrail_logs/account=111122223333 --dry-run
  trailhouse compact --lake ./lake --min-files 1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if lakeDir == "" {
				return usageErr("compact needs --lake")
			}
			lake, err := objstore.Open(cmd.Context(), lakeDir, s3opt)
			if err != nil {
				return usageErr("--lake: %v", err)
			}
			if minFiles < 1 {
				return usageErr("--min-files must be at least 1")
			}
			opt := partition.CompactOptions{DryRun: dryRun, MinFiles: minFiles}
			opt.TargetFileBytes, opt.MemoryBudget, opt.Version = target, maxMemory/4, version
			if prefix != "" {
				opt.Filter = func(k partition.Key) bool { return strings.HasPrefix(k.Dir()+"/", strings.TrimSuffix(prefix, "/")+"/") }
			}
			res, err := pipeline.Compact(cmd.Context(), lake, opt)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if dryRun {
				for _, p := range res.Selected {
					fmt.Fprintf(out, "would compact %s: %d files, %d rows, %s\n", p.Key.Dir(), len(p.Files), p.Rows, humanBytes(p.Bytes))
				}
			}
			fmt.Fprintf(out, "compacted %d partitions: %d files -> %d files, %d rows -> %d rows (%d duplicates dropped), %s -> %s\n",
				res.Partitions, res.InputFiles, res.OutputFiles, res.RowsIn, res.RowsOut, res.Duplicates,
				humanBytes(res.BytesIn), humanBytes(res.BytesOut))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&lakeDir, "lake", "", "lake: a directory or s3://bucket/prefix (required)")
	f.StringVar(&prefix, "partition", "", "only partitions under this path, e.g. cloudtrail_logs/account=111122223333/region=us-east-1")
	f.Int64Var(&target, "target-size", 512<<20, "target file size in bytes")
	bytesVar(f, &maxMemory, "max-memory", 512<<20, "memory target (bytes, or 512MiB, 2GiB)")
	f.BoolVar(&dryRun, "dry-run", false, "only list what would be compacted")
	f.IntVar(&minFiles, "min-files", 2, "compact only partitions with at least this many files (1: all)")
	addS3Flags(f, &s3opt)
	return cmd
}
