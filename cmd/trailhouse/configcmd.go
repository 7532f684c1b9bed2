package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/schedules"
)

func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Write an example config file, or check one",
		Long: `The config file says where the lake and the CloudTrail buckets are, and which jobs
(convert, compact, retention) run when. 'config init' writes a commented example;
'config check' validates one the way 'schedule' does before it starts.`,
		Example: `  trailhouse config init --out trailhouse.yaml
  trailhouse config check --config trailhouse.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newConfigInitCmd(), newConfigCheckCmd())
	return cmd
}

func newConfigInitCmd() *cobra.Command {
	var (
		out   string
		force bool
	)
	cmd := &cobra.Command{
		Use:   "init [--out FILE]",
		Short: "Write a commented example config",
		Long: `Init writes a commented example config (the same as docs/trailhouse.example.yaml)
to --out, or to stdout with --out -. It does not overwrite a file unless --force.`,
		Example: `  trailhouse config init --out trailhouse.yaml
  trailhouse config init --out - | less`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "-" {
				_, err := fmt.Fprint(cmd.OutOrStdout(), schedules.ExampleConfig)
				return err
			}
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(out, flags, 0o644)
			if err != nil {
				if os.IsExist(err) {
					return usageErr("%s exists: use --force to overwrite it", out)
				}
				return err
			}
			if _, err := f.WriteString(schedules.ExampleConfig); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: edit the lake, sources and jobs, then run 'trailhouse config check --config %s'\n", out, out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "trailhouse.yaml", "file to write, or - for stdout")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}

func newConfigCheckCmd() *cobra.Command {
	var (
		configPath string
		noProbe    bool
	)
	cmd := &cobra.Command{
		Use:   "check --config FILE",
		Short: "Validate a config file and reach its stores",
		Long: `Check loads the config as 'schedule' does: unknown keys, bad values and bad cron
expressions are reported with their line, and, unless --no-probe, the lake and each
source a job uses must answer one LIST. It prints each job and its next run.
Exit status 0 when the config is good, 2 otherwise.`,
		Example: `  trailhouse config check --config trailhouse.yaml
  trailhouse config check --config trailhouse.yaml --no-probe   # offline`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := loadConfig(cmd.Context(), configPath, !noProbe)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s: ok, lake %s\n", c.Path, c.Lake.URI)
			for _, j := range c.Jobs {
				fmt.Fprintf(w, "  %-20s %-10s %-28q next %s\n", j.Name, j.Kind, j.Spec, j.Schedule.Next(time.Now()).Format("2006-01-02 15:04:05 MST"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "trailhouse.yaml", "config file")
	cmd.Flags().BoolVar(&noProbe, "no-probe", false, "do not contact the stores")
	return cmd
}
