package partition

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
)

// CompactOptions select and tune a compaction.
type CompactOptions struct {
	Config
	// Filter selects partitions; nil means all.
	Filter func(Key) bool
	// MinFiles: partitions with fewer files are left alone. Default 2.
	MinFiles int
	// DryRun lists what would be compacted without writing.
	DryRun bool
}

// CompactResult is what Compact did.
type CompactResult struct {
	Partitions  int
	InputFiles  int
	OutputFiles int
	RowsIn      int64
	RowsOut     int64
	Duplicates  int64
	BytesIn     int64
	BytesOut    int64
	Selected    []PartitionInfo
}

// Compact merges the files of each selected partition into files of about
// TargetFileBytes, sorted by eventtime, dropping exact duplicates across
// them. New files are committed before the old ones are deleted, so a crash
// in between leaves duplicates that the next Compact removes, never a loss.
func Compact(ctx context.Context, lake objstore.Store, opt CompactOptions) (CompactResult, error) {
	var res CompactResult
	if opt.MinFiles <= 0 {
		opt.MinFiles = 2
	}
	parts, err := List(ctx, lake)
	if err != nil {
		return res, err
	}
	h := sha256.New()
	for _, p := range parts {
		if len(p.Files) < opt.MinFiles || opt.Filter != nil && !opt.Filter(p.Key) {
			continue
		}
		res.Selected = append(res.Selected, p)
		res.Partitions++
		res.InputFiles += len(p.Files)
		res.RowsIn += p.Rows
		res.BytesIn += p.Bytes
		for _, f := range p.Files {
			fmt.Fprintf(h, "%s\x00%d\n", f.Key, f.Size)
		}
	}
	if opt.DryRun || res.Partitions == 0 {
		return res, nil
	}
	cfg := opt.Config
	cfg.RunID = "c" + hex.EncodeToString(h.Sum(nil))[:16]
	cfg.Batches = 1
	sink, err := NewSink(lake, cfg)
	if err != nil {
		return res, err
	}
	defer sink.Abort()
	batch := sink.NewBatch()
	for _, p := range res.Selected {
		for _, f := range p.Files {
			err := ReadRows(ctx, lake, f, func(r *record.Row) error { return batch.AddTo(p.Key, r) })
			if err != nil {
				return res, fmt.Errorf("compact %s: %w", p.Key.Dir(), err)
			}
		}
	}
	if err := batch.Close(); err != nil {
		return res, err
	}
	out, err := sink.Finish(ctx)
	if err != nil {
		return res, fmt.Errorf("compact: %w", err)
	}
	res.OutputFiles, res.RowsOut, res.Duplicates = len(out.Files), out.Rows, out.Duplicates
	written := map[string]bool{}
	for _, f := range out.Files {
		written[f.Path] = true
		res.BytesOut += f.Bytes
	}
	for _, p := range res.Selected {
		for _, f := range p.Files {
			if written[f.Key] {
				continue
			}
			if err := lake.Delete(ctx, f.Key); err != nil {
				return res, fmt.Errorf("compact: remove merged file: %w", err)
			}
		}
	}
	return res, nil
}
