package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/trailhouse/trailhouse/internal/synth"
)

func newGenerateCmd() *cobra.Command {
	var (
		out, start, org string
		cfg             synth.Config
		dupRate, late   float64
	)
	cmd := &cobra.Command{
		Use:   "generate --out DIR",
		Short: "Write realistic synthetic CloudTrail logs laid out like a CloudTrail bucket",
		Long: `Generate writes synthetic but realistic CloudTrail logs under
DIR/AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ as gzip {"Records":[...]} objects,
the way CloudTrail delivers them: Zipf-skewed services and API calls with realistic
requestParameters, a mix of userIdentity types, errors, resources, deliveries a few
minutes after the events (so late events land in the next day's folder), some late
deliveries, duplicate deliveries, and optionally digests, insights and bad objects.
The same flags and --seed always give the same files.`,
		Example: `  trailhouse generate --out ./demo/logs
  trailhouse generate --out /tmp/big --accounts 50 --regions 17 --days 30 --events 5000000`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageErr("generate needs --out")
			}
			if cfg.Accounts < 1 || cfg.Regions < 1 || cfg.Regions > 17 || cfg.Days < 1 || cfg.Events < 0 {
				return usageErr("need --accounts >= 1, 1 <= --regions <= 17, --days >= 1, --events >= 0")
			}
			if start != "" {
				t, err := time.Parse(time.DateOnly, start)
				if err != nil {
					return usageErr("--start %q: want YYYY-MM-DD", start)
				}
				cfg.Start = t
			}
			cfg.OrgID, cfg.DuplicateRate, cfg.LateRate = org, dupRate, late
			var b *bar
			var progress func(synth.Stats)
			if isTerminal(os.Stderr) {
				b = newBar(cmd.ErrOrStderr())
				progress = func(s synth.Stats) {
					fmt.Fprintf(cmd.ErrOrStderr(), "\rgenerated %s events in %d objects", human(int64(s.Events)), s.Objects)
				}
			}
			st, err := synth.Generate(cmd.Context(), cfg, out, progress)
			if b != nil {
				b.done()
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "generated %d events (+%d duplicate deliveries) in %d objects, %s, under %s\n",
				st.Events, st.Duplicates, st.Objects, humanBytes(st.Bytes), out)
			if st.BadObjects+st.DigestObjects+st.InsightObjects > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "  plus %d bad objects, %d digest objects, %d insight objects (%d insight events)\n",
					st.BadObjects, st.DigestObjects, st.InsightObjects, st.InsightEvents)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "directory to write into (required)")
	f.IntVar(&cfg.Accounts, "accounts", 3, "number of AWS accounts")
	f.IntVar(&cfg.Regions, "regions", 3, "number of regions (1-17)")
	f.IntVar(&cfg.Days, "days", 3, "number of days")
	f.IntVar(&cfg.Events, "events", 50000, "number of events (before duplicate deliveries)")
	f.Int64Var(&cfg.Seed, "seed", 1, "random seed; the same seed gives the same files")
	f.StringVar(&start, "start", "2026-01-01", "first day, YYYY-MM-DD (UTC)")
	f.StringVar(&org, "org", "", "organisation id (o-...) to write an organisation trail layout")
	f.Float64Var(&dupRate, "duplicates", 0, "fraction of events delivered twice (0: default 1%; negative: none)")
	f.Float64Var(&late, "late", 0, "fraction of objects delivered days late (0: default 0.5%; negative: none)")
	f.IntVar(&cfg.BadObjects, "bad-objects", 0, "number of deliberately broken objects to add")
	f.BoolVar(&cfg.Digests, "digests", false, "also write CloudTrail-Digest objects")
	f.BoolVar(&cfg.Insights, "insights", false, "also write CloudTrail-Insight objects")
	return cmd
}
