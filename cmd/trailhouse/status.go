package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/schedules"
)

func newStatusCmd() *cobra.Command {
	var (
		configPath string
		runs       int
		asJSON     bool
	)
	cmd := &cobra.Command{
		Use:   "status --config FILE",
		Short: "Show each job's last runs, next run, and the lake's lag",
		Long: `Status reads the run history kept in the lake (_trailhouse/runs/jobs/) and shows,
for each job of the config: its last runs (start, end, outcome, events, bytes,
errors), when it runs next, and its last success. The lag is now minus the newest
converted eventTime, as recorded by the convert jobs.

It needs only the config and read access to the lake, so it works from any
machine, whether or not a daemon runs there. Credentials never appear.`,
		Example: `  trailhouse status --config trailhouse.yaml
  trailhouse status --config trailhouse.yaml --runs 10
  trailhouse status --config trailhouse.yaml --json | jq '.lag_seconds'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := loadConfig(cmd.Context(), configPath, false)
			if err != nil {
				return err
			}
			lake, err := c.Lake.Open(cmd.Context())
			if err != nil {
				return err
			}
			st, err := schedules.GetStatus(cmd.Context(), c, &schedules.LakeHistory{Lake: lake, Keep: c.HistoryKeep}, time.Now().UTC(), runs)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			printStatus(cmd.OutOrStdout(), st)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "trailhouse.yaml", "config file")
	f.IntVar(&runs, "runs", 5, "runs shown per job, newest first")
	f.BoolVar(&asJSON, "json", false, "print the status as JSON")
	return cmd
}

func printStatus(w io.Writer, st *schedules.Status) {
	const tf = "2006-01-02 15:04:05Z"
	fmt.Fprintf(w, "lake %s, at %s\n", st.Lake, st.Now.Format(tf))
	if lag, ok := st.Lag(); ok {
		fmt.Fprintf(w, "lag  %s (newest converted event %s)\n", lag.Round(time.Second), st.NewestEvent.Format(tf))
	} else {
		fmt.Fprintln(w, "lag  unknown (no convert run has recorded an event yet)")
	}
	for _, j := range st.Jobs {
		fmt.Fprintf(w, "\njob %s (%s), schedule %q, next run %s\n", j.Name, j.Kind, j.Schedule, j.Next.UTC().Format(tf))
		if j.LastSuccess != nil {
			fmt.Fprintf(w, "  last success %s (%s ago)\n", j.LastSuccess.Format(tf), st.Now.Sub(*j.LastSuccess).Round(time.Second))
		} else {
			fmt.Fprintln(w, "  last success never")
		}
		if len(j.Runs) == 0 {
			fmt.Fprintln(w, "  no runs recorded")
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  STARTED\tENDED\tOUTCOME\tTRIGGER\tEVENTS\tBYTES IN\tBYTES OUT\tERRORS")
		for _, r := range j.Runs {
			errs := "-"
			if len(r.Errors) > 0 {
				errs = r.Errors[0]
				if len(errs) > 100 {
					errs = errs[:100] + "…"
				}
				if len(r.Errors) > 1 {
					errs += fmt.Sprintf(" (+%d)", len(r.Errors)-1)
				}
			}
			if r.Retention != nil {
				verb := "deleted"
				if r.Retention.DryRun {
					verb = "dry run: would delete"
				}
				note := fmt.Sprintf("%s %d partitions before %s", verb, r.Retention.Partitions, r.Retention.Cutoff)
				if errs != "-" {
					note += "; " + errs
				}
				errs = note
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.Started.Format(tf), r.Finished.Format(tf), r.Outcome,
				r.Trigger, r.Events, humanBytes(r.BytesIn), humanBytes(r.BytesOut), errs)
		}
		tw.Flush()
	}
}
