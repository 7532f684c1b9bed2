// Command trailhouse turns CloudTrail log buckets into a query-ready
// Parquet lake. This file is the entry point: flags become configuration,
// and internal/pipeline runs the stages.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// version is set by the build (-ldflags "-X main.version=...").
var version = "dev"

// Exit codes; docs/cli.md lists them.
const (
	exitOK       = 0
	exitFailed   = 1 // the run failed; see the error
	exitUsage    = 2 // bad flags or arguments
	exitProblems = 3 // the run finished, but some objects had problems (listed in the report)
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return
	}
	code := exitFailed
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if isFlagError(err) {
		code = exitUsage
	}
	fmt.Fprintln(os.Stderr, "trailhouse:", err)
	os.Exit(code)
}

type flagErr struct{ error }

func isFlagError(err error) bool {
	var fe flagErr
	return errors.As(err, &fe)
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "trailhouse",
		Short: "Turn CloudTrail log buckets into a query-ready Parquet lake",
		Long: `trailhouse converts AWS CloudTrail logs (the gzip JSON files CloudTrail writes under
AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/) into a Parquet lake partitioned by
account, region and event date, which Athena, Trino, Spark and DuckDB can read.

Start with:
  trailhouse generate --out ./demo/logs          # realistic sample logs
  trailhouse convert --from ./demo/logs --to ./demo/lake
  trailhouse partitions --lake ./demo/lake`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return flagErr{fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	root.AddCommand(newConvertCmd(), newGenerateCmd(), newCompactCmd(), newPartitionsCmd())
	root.AddCommand(newDDLCmd(), newQueryCmd())
	root.AddCommand(newScheduleCmd(), newRunCmd(), newStatusCmd(), newConfigCmd())
	root.AddCommand(newServeCmd())
	return root
}
