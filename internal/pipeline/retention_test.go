package pipeline

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/lease"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
)

func TestRetention(t *testing.T) {
	for _, tc := range []struct {
		name string
		lake func(t *testing.T) objstore.Store
	}{
		{"dir", func(t *testing.T) objstore.Store {
			d, err := objstore.NewDir(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return d
		}},
		{"s3", func(t *testing.T) objstore.Store { return s3test.Start(t).Store(t, "lake/") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			lake := tc.lake(t)
			keys := []string{
				"cloudtrail_logs/account=111122223333/region=us-east-1/date=2026-01-01/part-a.parquet",
				"cloudtrail_logs/account=111122223333/region=us-east-1/date=2026-01-01/part-b.parquet",
				"cloudtrail_logs/account=111122223333/region=us-east-1/date=2026-03-01/part-c.parquet", // the cutoff day: kept
				"cloudtrail_logs/account=111122223333/region=eu-west-1/date=2026-02-28/part-d.parquet",
				"cloudtrail_logs/account=111122223333/region=eu-west-1/date=__HIVE_DEFAULT_PARTITION__/part-e.parquet",
				"cloudtrail_logs/account=__HIVE_DEFAULT_PARTITION__/region=__HIVE_DEFAULT_PARTITION__/date=2025-12-31/part-f.parquet",
				"insights/account=111122223333/region=us-east-1/date=2026-01-05/part-g.parquet",
				"cloudtrail_logs/notapartition/date=2020-01-01/x.parquet",
				"_trailhouse/runs/jobs/j/date=2020-01-01/x.json",
				"_trailhouse/state/abc/shard-0-of-1.json.gz",
			}
			for _, k := range keys {
				if err := lake.PutIfAbsent(ctx, k, []byte("data-"+k[len(k)-10:])); err != nil {
					t.Fatal(err)
				}
			}
			now := func() time.Time { return time.Date(2026, 3, 31, 23, 0, 0, 0, time.UTC) }
			want := []string{
				"cloudtrail_logs/account=111122223333/region=eu-west-1/date=2026-02-28",
				"cloudtrail_logs/account=111122223333/region=us-east-1/date=2026-01-01",
				"cloudtrail_logs/account=__HIVE_DEFAULT_PARTITION__/region=__HIVE_DEFAULT_PARTITION__/date=2025-12-31",
				"insights/account=111122223333/region=us-east-1/date=2026-01-05",
			}
			dirs := func(r RetentionResult) []string {
				var out []string
				for _, p := range r.Partitions {
					out = append(out, p.Dir)
				}
				sort.Strings(out)
				return out
			}

			// Dry run: reports, deletes nothing, takes no lease.
			res, err := Retention(ctx, lake, RetentionOptions{KeepDays: 30, DryRun: true, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if res.Cutoff != "2026-03-01" || strings.Join(dirs(res), "\n") != strings.Join(want, "\n") || res.Files != 5 {
				t.Fatalf("dry run: cutoff %s, %d files, partitions\n%s", res.Cutoff, res.Files, strings.Join(dirs(res), "\n"))
			}
			if got := allKeys(t, lake); len(got) != len(keys) {
				t.Fatalf("dry run deleted objects: %d left of %d", len(got), len(keys))
			}

			// A compaction holds the lease: retention waits its turn.
			l, err := lease.Acquire(ctx, lake, "compact", lease.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Retention(ctx, lake, RetentionOptions{KeepDays: 30, Now: now}); !errors.Is(err, lease.ErrHeld) {
				t.Fatalf("retention beside a held compact lease: %v", err)
			}
			l.Release(ctx)

			res, err = Retention(ctx, lake, RetentionOptions{KeepDays: 30, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(dirs(res), "\n") != strings.Join(want, "\n") {
				t.Fatalf("deleted\n%s", strings.Join(dirs(res), "\n"))
			}
			left := map[string]bool{}
			for _, k := range allKeys(t, lake) {
				left[k] = true
			}
			for _, k := range keys {
				gone := false
				for _, w := range want {
					gone = gone || strings.HasPrefix(k, w+"/")
				}
				if left[k] == gone {
					t.Errorf("%s: left %v, want %v", k, left[k], !gone)
				}
			}
			// Nothing more to do.
			res, err = Retention(ctx, lake, RetentionOptions{KeepDays: 30, Now: now})
			if err != nil || len(res.Partitions) != 0 {
				t.Errorf("second run: %+v %v", res, err)
			}
			if _, err := Retention(ctx, lake, RetentionOptions{KeepDays: 0, Now: now}); !errors.Is(err, ErrKeepDays) {
				t.Errorf("keep 0 days: %v", err)
			}
		})
	}
}

func allKeys(t *testing.T, lake objstore.Store) []string {
	t.Helper()
	var out []string
	if err := lake.List(context.Background(), "", func(o objstore.Object) error {
		if !strings.HasPrefix(o.Key, lease.Dir) {
			out = append(out, o.Key)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
