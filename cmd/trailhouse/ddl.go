package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/serve/ddl"
)

func newDDLCmd() *cobra.Command {
	var (
		engine string
		opt    ddl.Options
	)
	cmd := &cobra.Command{
		Use:   "ddl --engine athena|trino|spark|duckdb --location s3://...|DIR",
		Short: "Print the CREATE statements that let Athena, Trino, Spark or DuckDB read the lake",
		Long: `DDL prints, for one engine, the statements that make the lake at --location (the
directory or s3:// prefix that holds cloudtrail_logs/) readable there: the flat typed
table of docs/schema.md, partitioned by account, region and date, and a view with the
nested shape of Athena's CloudTrail table (useridentity.arn, resources as rows, ...).

  athena  CREATE EXTERNAL TABLE with partition projection (no MSCK REPAIR, no crawler),
          and the view cloudtrail_logs_athena
  trino   a Hive connector table, sync_partition_metadata, and the same view
  spark   CREATE TABLE USING parquet PARTITIONED BY, MSCK REPAIR TABLE, and the view
  duckdb  views over read_parquet with the flat and the nested columns, and macros that
          give DuckDB the Trino functions analysts use (json_extract_scalar, date_add, ...)

docs/engines.md has the type mapping and how to run each output.`,
		Example: `  trailhouse ddl --engine athena --location s3://my-lake/ct/ --account 111122223333
  trailhouse ddl --engine duckdb --location ./demo/lake > lake.sql && duckdb -init lake.sql`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if engine == "" || opt.Location == "" {
				return usageErr("ddl needs --engine (%s) and --location", strings.Join(ddl.Engines, ", "))
			}
			if !strings.Contains(opt.Location, "://") {
				abs, err := filepath.Abs(opt.Location)
				if err != nil {
					return err
				}
				opt.Location = filepath.ToSlash(abs)
			}
			out, err := ddl.Generate(engine, opt)
			if err != nil { // every Generate error is about the flags
				return usageErr("%v", err)
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), out)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&engine, "engine", "", "athena, trino, spark or duckdb")
	f.StringVar(&opt.Location, "location", "", "the lake root: s3://bucket/prefix or a directory")
	f.StringVar(&opt.Database, "database", "", `database (Athena, Spark) or schema (Trino) to create the tables in (default "cloudtrail")`)
	f.StringVar(&opt.Catalog, "catalog", "", `Trino: the Hive connector catalog (default "hive")`)
	f.BoolVar(&opt.Insights, "insights", false, "also the insights table (DuckDB: only once the lake has insights files)")
	f.StringSliceVar(&opt.Accounts, "account", nil, "Athena: project the account partition as this enum of ids (repeat or comma-separate); default injected")
	f.StringSliceVar(&opt.Regions, "region", nil, "Athena: the regions to project (default: every AWS region)")
	f.StringVar(&opt.StartDate, "start-date", "", "Athena: the first day of the date projection, YYYY-MM-DD (default 2013-11-01)")
	return cmd
}
