package schedules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/s3test"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

const goodConfig = `lake:
  uri: s3://my-lake/ct/
  access_key_id: AKIAEXAMPLE
  secret_access_key: ${LAKE_SECRET}
sources:
  trail: {uri: "s3://${BUCKET:-trail-bucket}/"}
timezone: Europe/Berlin
retry: {attempts: 5, backoff: 30s}
jobs:
  nightly:
    kind: convert
    schedule: "30 1 * * *"
    lookback: 3
    shard: 1/4
  weekly:
    kind: compact
    schedule: "@weekly"
    target_size: 64MiB
    retry: {attempts: 1}
  prune:
    kind: retention
    schedule: "CRON_TZ=UTC 0 4 * * *"
    keep_days: 90
`

func TestConfigGood(t *testing.T) {
	c, err := Parse("t.yaml", []byte(goodConfig), envOf(map[string]string{"LAKE_SECRET": "s3cr3t/+x"}))
	if err != nil {
		t.Fatal(err)
	}
	if string(c.Lake.SecretAccessKey) != "s3cr3t/+x" || c.Sources["trail"].URI != "s3://trail-bucket/" {
		t.Errorf("expansion: lake %q, source %q", c.Lake.SecretAccessKey, c.Sources["trail"].URI)
	}
	if len(c.Jobs) != 3 || c.Jobs[0].Name != "nightly" || c.Jobs[2].Name != "prune" {
		t.Fatalf("jobs not in file order: %+v", c.Jobs)
	}
	n := c.Jobs[0]
	if n.Convert.Source != "trail" || n.Convert.Lookback != 3 || n.Convert.Shard != 1 || n.Convert.Shards != 4 ||
		n.Retry != (RetryPolicy{Attempts: 5, Backoff: 30 * time.Second, MaxBackoff: DefaultMaxBackoff}) || !n.CatchUp {
		t.Errorf("convert job %+v %+v", n, n.Convert)
	}
	// 01:30 in Berlin (the config's zone) is 00:30 UTC in winter.
	if got := n.Schedule.Next(time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)); !got.Equal(time.Date(2026, 1, 11, 0, 30, 0, 0, time.UTC)) {
		t.Errorf("next fire %v", got.UTC())
	}
	if w := c.Jobs[1]; w.Compact.TargetSize != 64<<20 || w.Retry.Attempts != 1 || w.Retry.Backoff != 30*time.Second {
		t.Errorf("compact job %+v %+v", w, w.Compact)
	}
	if r := c.Jobs[2].Retention; r.KeepDays != 90 || !r.DryRun {
		t.Errorf("retention job %+v: want dry run by default", r)
	}
	// The secret never shows.
	for _, s := range []string{c.Lake.SecretAccessKey.String(), c.Lake.S3Options().String()} {
		if strings.Contains(s, "s3cr3t") {
			t.Errorf("secret shown: %s", s)
		}
	}
}

// TestConfigErrors checks the message of each kind of mistake, with its line.
func TestConfigErrors(t *testing.T) {
	base := "lake: {uri: /lake}\nsources: {trail: {uri: /src}}\njobs:\n"
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"unknown top-level key", "lake: {uri: /lake}\nlistn: :9464\njobs: {j: {kind: compact, schedule: '@daily'}}\n",
			[]string{`t.yaml:2: unknown key "listn"`}},
		{"unknown job key", base + "  j:\n    kind: convert\n    schedule: '@daily'\n    shedule: x\n",
			[]string{`t.yaml:7: job j: unknown key "shedule" for a convert job (its keys: kind, schedule,`}},
		{"key of another kind", base + "  j:\n    kind: compact\n    schedule: '@daily'\n    keep_days: 3\n",
			[]string{`t.yaml:7: job j: unknown key "keep_days" for a compact job`}},
		{"bad cron", base + "  j:\n    kind: compact\n    schedule: '0 25 * * *'\n",
			[]string{`t.yaml:6: job j: schedule "0 25 * * *": end of range (25) above maximum (23): 25`}},
		{"bad cron fields", base + "  j:\n    kind: compact\n    schedule: '0 2 * *'\n",
			[]string{`t.yaml:6: job j: schedule "0 2 * *": expected exactly 5 fields, found 4: [0 2 * *]`}},
		{"bad descriptor", base + "  j: {kind: compact, schedule: '@nightly'}\n",
			[]string{`t.yaml:4: job j: schedule "@nightly": unrecognized descriptor: @nightly`}},
		{"bad zone", base + "  j: {kind: compact, schedule: 'CRON_TZ=Mars/Olympus 0 2 * * *'}\n",
			[]string{`t.yaml:4: job j: schedule "CRON_TZ=Mars/Olympus 0 2 * * *": provided bad location Mars/Olympus`}},
		{"unknown kind", base + "  j: {kind: vacuum, schedule: '@daily'}\n",
			[]string{`t.yaml:4: job j: unknown kind "vacuum": want convert, compact or retention`}},
		{"unknown source", base + "  j: {kind: convert, schedule: '@daily', source: trial}\n",
			[]string{`t.yaml:4: job j: no source "trial" under sources: (sources: trail)`}},
		{"unset variable", "lake:\n  uri: ${NO_SUCH_VAR}\njobs: {j: {kind: compact, schedule: '@daily'}}\n",
			[]string{`t.yaml:2: environment variable NO_SUCH_VAR is not set`}},
		{"bad duration", base + "  j: {kind: convert, schedule: '@daily', lease_ttl: 5 minutes}\n",
			[]string{`t.yaml:4: job j: want a duration such as 90s, 5m or 2h, not "5 minutes"`}},
		{"wrong type", base + "  j: {kind: convert, schedule: '@daily', lookback: many}\n",
			[]string{`t.yaml:4: job j: wrong type for lookback`}},
		{"several problems, in line order", "lake: {uri: ftp://x}\njobs:\n  a: {kind: retention, schedule: '@daily'}\n  b: {kind: compact, schedule: '61 * * * *'}\n",
			[]string{"t.yaml: invalid config\n  t.yaml:1: lake: ftp://x: only s3:// and local directories are supported\n  t.yaml:3: job a: keep_days is required and must be at least 1",
				"at least 1 (partitions older than that many days are deleted)\n  t.yaml:4: job b: schedule \"61 * * * *\": end of range (61) above maximum (59): 61"}},
		{"no jobs", "lake: {uri: /lake}\n", []string{"t.yaml: no jobs"}},
		{"no lake", "jobs: {j: {kind: compact, schedule: '@daily'}}\n", []string{"t.yaml: lake: uri is required"}},
		{"bad yaml", "lake: {uri: /lake\njobs: x\n", []string{"t.yaml:"}},
		{"bad job name", base + "  ../x: {kind: compact, schedule: '@daily'}\n", []string{`t.yaml:4: job name "../x"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tc.yaml), envOf(nil))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrConfig) {
				t.Errorf("error does not wrap ErrConfig: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestExampleConfig(t *testing.T) {
	b, err := os.ReadFile("../docs/trailhouse.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != ExampleConfig {
		t.Fatal("docs/trailhouse.example.yaml and ExampleConfig differ: keep them the same")
	}
	c, err := Parse("example.yaml", b, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Jobs) != 3 || c.Listen == "" || !c.Jobs[2].Retention.DryRun {
		t.Errorf("example config: %+v", c)
	}
}

func TestProbe(t *testing.T) {
	srv := s3test.Start(t)
	dir := t.TempDir()
	cfg := func(lake, src string) string {
		return "lake:\n  uri: " + lake + "\n  endpoint_url: " + srv.URL + "\n  path_style: true\n  access_key_id: " + srv.AccessKeyID +
			"\n  secret_access_key: " + srv.SecretAccessKey + "\n  region: us-east-1\nsources:\n  trail:\n    uri: " + src +
			"\njobs: {j: {kind: convert, schedule: '@daily'}}\n"
	}
	ok, err := Parse("t.yaml", []byte(cfg("s3://"+srv.Bucket+"/lake/", dir)), envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := ok.Probe(context.Background()); err != nil {
		t.Fatalf("reachable stores: %v", err)
	}
	bad, err := Parse("t.yaml", []byte(cfg("s3://no-such-bucket/lake/", filepath.Join(dir, "missing"))), envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	err = bad.Probe(context.Background())
	for _, w := range []string{"t.yaml:2: lake s3://no-such-bucket/lake/ is not reachable", "t.yaml:10: source trail " + filepath.Join(dir, "missing") + " is not reachable"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("probe error\n%v\nwant\n%s", err, w)
		}
	}
	if strings.Contains(err.Error(), srv.SecretAccessKey) {
		t.Errorf("probe error shows the secret")
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{
		"536870912": 536870912, "512MiB": 512 << 20, "512 MiB": 512 << 20, "512m": 512 << 20,
		"2GiB": 2 << 30, "1.5GB": 1500000000, "64KB": 64000, "1k": 1024, "0": 0, "10B": 10,
	} {
		if got, err := ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "-1MiB", "1e400GB", "MiB"} {
		if _, err := ParseBytes(in); err == nil {
			t.Errorf("ParseBytes(%q): no error", in)
		}
	}
}
