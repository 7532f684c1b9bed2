package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/trailhouse/trailhouse/internal/lease"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/partition"
)

// RetentionOptions configure Retention.
type RetentionOptions struct {
	// KeepDays: partitions dated more than KeepDays days before today
	// (UTC) are deleted. At least 1.
	KeepDays int
	// DryRun only reports what would be deleted, without the lease.
	DryRun bool
	// Now is the clock; default time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// RetentionPartition is one partition Retention deleted (or would delete).
type RetentionPartition struct {
	Dir   string `json:"dir"`
	Files int    `json:"files"`
	Bytes int64  `json:"bytes"`
}

// RetentionResult says what Retention deleted, or would delete.
type RetentionResult struct {
	DryRun     bool                 `json:"dry_run"`
	Cutoff     string               `json:"cutoff"` // YYYY-MM-DD: partitions dated before it go
	Partitions []RetentionPartition `json:"partitions"`
	Files      int                  `json:"files"`
	Bytes      int64                `json:"bytes"`
}

// ErrKeepDays: a retention that would keep less than a day.
var ErrKeepDays = errors.New("retention must keep at least 1 day")

// Retention deletes the partitions of both tables (directories
// TABLE/account=…/region=…/date=D/) whose date D is more than KeepDays days
// before today, under the lake's compact lease, so that it never runs
// beside a compaction (which could write a merged file into a partition
// being deleted). It lists with delimiters, one level at a time, and only
// deletes objects inside such a partition directory: nothing under
// _trailhouse/, and no partition dated __HIVE_DEFAULT_PARTITION__ (no
// eventTime) is ever touched. A run cut short leaves some old partitions
// for the next run; the lake stays readable throughout.
func Retention(ctx context.Context, lake objstore.Store, opt RetentionOptions) (RetentionResult, error) {
	if opt.KeepDays < 1 {
		return RetentionResult{}, fmt.Errorf("%w (keep_days %d)", ErrKeepDays, opt.KeepDays)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	today := opt.Now().UTC().Truncate(24 * time.Hour)
	res := RetentionResult{DryRun: opt.DryRun, Cutoff: today.AddDate(0, 0, -opt.KeepDays).Format(time.DateOnly)}
	if !opt.DryRun {
		l, err := lease.Acquire(ctx, lake, "compact", lease.Options{Holder: lease.Holder("retention")})
		if err != nil {
			return res, err
		}
		defer l.Release(context.WithoutCancel(ctx))
	}
	err := oldPartitions(ctx, lake, res.Cutoff, func(dir string) error {
		var files []objstore.Object
		if err := lake.List(ctx, dir, func(o objstore.Object) error {
			files = append(files, o)
			return nil
		}); err != nil {
			return err
		}
		if len(files) == 0 {
			removeEmptyDir(lake, dir)
			return nil
		}
		p := RetentionPartition{Dir: strings.TrimSuffix(dir, "/"), Files: len(files)}
		for _, f := range files {
			p.Bytes += f.Size
		}
		if !opt.DryRun {
			for _, f := range files {
				if err := lake.Delete(ctx, f.Key); err != nil {
					return fmt.Errorf("retention: %w", err)
				}
			}
			removeEmptyDir(lake, dir)
			opt.Logger.Info("deleted partition", "partition", p.Dir, "files", p.Files, "bytes", p.Bytes)
		}
		res.Partitions = append(res.Partitions, p)
		res.Files += p.Files
		res.Bytes += p.Bytes
		return nil
	})
	return res, err
}

// oldPartitions calls fn with each partition directory ("TABLE/account=A/
// region=R/date=D/") dated before cutoff, in lexical order.
func oldPartitions(ctx context.Context, lake objstore.Store, cutoff string, fn func(dir string) error) error {
	for _, table := range []string{partition.TableEvents, partition.TableInsights} {
		err := lake.ListDirs(ctx, table+"/", func(acct string) error {
			if !strings.HasPrefix(acct[len(table)+1:], record.PartAccount+"=") {
				return nil
			}
			return lake.ListDirs(ctx, acct, func(region string) error {
				if !strings.HasPrefix(region[len(acct):], record.PartRegion+"=") {
					return nil
				}
				return lake.ListDirs(ctx, region, func(day string) error {
					d, ok := strings.CutPrefix(strings.TrimSuffix(day[len(region):], "/"), record.PartDate+"=")
					if !ok {
						return nil
					}
					if _, err := time.Parse(time.DateOnly, d); err != nil || d >= cutoff {
						return nil // the default partition, or kept
					}
					return fn(day)
				})
			})
		})
		if err != nil {
			return fmt.Errorf("retention: list %s: %w", lake.URI(table+"/"), err)
		}
	}
	return nil
}

// removeEmptyDir removes a local lake's directory once it is empty (an
// object store has no directories to remove).
func removeEmptyDir(lake objstore.Store, dir string) {
	if d, ok := lake.(*objstore.Dir); ok {
		_ = os.Remove(filepath.Join(d.Root(), filepath.FromSlash(dir)))
	}
}

// NewestEvent returns the newest eventtime in files (written by a run),
// from the Parquet column statistics of the files in the newest dated
// partition among them; ok is false when none of them has one. Only those
// files are read.
func NewestEvent(ctx context.Context, lake objstore.Store, files []partition.FileInfo) (t time.Time, ok bool, err error) {
	newest := ""
	for _, f := range files {
		if f.Key.Table == partition.TableEvents && f.Key.Date != partition.Default && f.Key.Date > newest {
			newest = f.Key.Date
		}
	}
	var maxMS int64
	for _, f := range files {
		if f.Key.Table != partition.TableEvents || f.Key.Date != newest {
			continue
		}
		ms, found, err := maxEventTime(ctx, lake, f.Path)
		if err != nil {
			return time.Time{}, false, err
		}
		if found && (!ok || ms > maxMS) {
			maxMS, ok = ms, true
		}
	}
	if !ok {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(maxMS).UTC(), true, nil
}

// maxEventTime reads the eventtime column's maximum from a file's footer.
func maxEventTime(ctx context.Context, lake objstore.Store, key string) (int64, bool, error) {
	rc, err := lake.Open(ctx, key)
	if err != nil {
		return 0, false, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return 0, false, fmt.Errorf("read %s: %w", lake.URI(key), err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)), parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return 0, false, fmt.Errorf("open %s: %w", lake.URI(key), err)
	}
	col, ok := f.Schema().Lookup(record.ColEventTime)
	if !ok {
		return 0, false, fmt.Errorf("open %s: no %s column", lake.URI(key), record.ColEventTime)
	}
	var (
		maxMS int64
		found bool
	)
	for _, rg := range f.RowGroups() {
		cc, ok := rg.ColumnChunks()[col.ColumnIndex].(*parquet.FileColumnChunk)
		if !ok {
			continue
		}
		if _, hi, ok := cc.Bounds(); ok && !hi.IsNull() && (!found || hi.Int64() > maxMS) {
			maxMS, found = hi.Int64(), true
		}
	}
	return maxMS, found, nil
}
