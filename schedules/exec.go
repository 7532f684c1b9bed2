package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/pipeline"
	"github.com/trailhouse/trailhouse/partition"
)

// maxErrorLines bounds the problem lines a run record keeps.
const maxErrorLines = 10

// PipelineExecutor runs jobs through internal/pipeline against the
// config's stores, which it opens once.
type PipelineExecutor struct {
	Config  *Config
	Lake    objstore.Store
	Sources map[string]objstore.Store
	// SourcePrefixes are the folders the sources are walked from (see
	// ingest.SplitSource), by source name; "" when missing.
	SourcePrefixes map[string]string
	Logger         *slog.Logger
	Version        string
	Now            func() time.Time // retention's clock; default time.Now
}

// NewPipelineExecutor opens the lake and the sources the jobs use.
func NewPipelineExecutor(ctx context.Context, c *Config, logger *slog.Logger, version string) (*PipelineExecutor, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	e := &PipelineExecutor{Config: c, Sources: map[string]objstore.Store{}, SourcePrefixes: map[string]string{}, Logger: logger, Version: version, Now: time.Now}
	var err error
	if e.Lake, err = c.Lake.Open(ctx); err != nil {
		return nil, err
	}
	for _, j := range c.Jobs {
		if j.Convert == nil || e.Sources[j.Convert.Source] != nil {
			continue
		}
		sc := c.Sources[j.Convert.Source]
		root, prefix := ingest.SplitSource(sc.URI)
		sc.URI = root
		st, err := sc.Open(ctx)
		if err != nil {
			return nil, err
		}
		e.Sources[j.Convert.Source], e.SourcePrefixes[j.Convert.Source] = st, prefix
	}
	return e, nil
}

// Execute implements Executor.
func (e *PipelineExecutor) Execute(ctx context.Context, j *Job, drain <-chan struct{}, rec *Record) error {
	switch j.Kind {
	case KindConvert:
		return e.convert(ctx, j, drain, rec)
	case KindCompact:
		return e.compact(ctx, j, rec)
	case KindRetention:
		return e.retention(ctx, j, rec)
	}
	return fmt.Errorf("%w: job %s: unknown kind %q", ErrPermanent, j.Name, j.Kind)
}

func (e *PipelineExecutor) convert(ctx context.Context, j *Job, drain <-chan struct{}, rec *Record) error {
	cj := j.Convert
	// Drained, the run starts no new object, finishes and commits the ones
	// it is reading, and leaves the rest for the next run. Cancelled after
	// the grace period, it leaves its plan in the lake, and the next run
	// completes it: either way every event lands exactly once.
	opt := pipeline.Options{Drain: drain,
		From: e.Sources[cj.Source], FromPrefix: e.SourcePrefixes[cj.Source], To: e.Lake, Workers: cj.Workers, TempDir: e.Config.TempDir,
		MemoryBudget: e.Config.MaxMemory / 4, Logger: e.Logger.With("job", j.Name), Version: e.Version,
		Incremental: &pipeline.Incremental{Lookback: cj.Lookback, Shard: cj.Shard, Shards: cj.Shards, LeaseTTL: cj.LeaseTTL},
	}
	rep, err := pipeline.Convert(ctx, opt)
	if rep != nil {
		rec.Objects, rec.BadObjects = rep.Objects, rep.BadObjects
		rec.Events, rec.BytesIn, rec.BytesOut = rep.Events, rep.BytesIn, rep.BytesOut
		if rep.RunID != "" && err == nil {
			rec.Report = pipeline.ReportDir + rep.Started.Format("20060102T150405Z") + "-convert-" + rep.RunID + ".json"
		}
		for _, p := range rep.Problems {
			if len(rec.Errors) == maxErrorLines {
				rec.Errors = append(rec.Errors, fmt.Sprintf("%d more problems: see the run report", len(rep.Problems)-maxErrorLines))
				break
			}
			rec.Errors = append(rec.Errors, p.Object+": "+p.Error)
		}
	}
	if err != nil {
		if errors.Is(err, pipeline.ErrShard) {
			return fmt.Errorf("%w: %w", ErrPermanent, err)
		}
		return err
	}
	switch {
	case rep.Stopped:
		rec.Outcome = OutcomeStopped
		rec.Errors = append([]string{fmt.Sprintf("stopped by the daemon: %d objects left for the next run", rep.NotStarted)}, rec.Errors...)
	case rep.Failed():
		rec.Outcome = OutcomeProblems
	}
	if t, ok, err := pipeline.NewestEvent(ctx, e.Lake, rep.FileList); err != nil {
		e.Logger.Warn("cannot read the newest event time", "job", j.Name, "error", err)
	} else if ok {
		rec.NewestEvent = &t
	}
	return nil
}

func (e *PipelineExecutor) compact(ctx context.Context, j *Job, rec *Record) error {
	opt := partition.CompactOptions{}
	opt.TargetFileBytes, opt.MemoryBudget, opt.Version, opt.TempDir = j.Compact.TargetSize, e.Config.MaxMemory/4, e.Version, e.Config.TempDir
	if prefix := strings.TrimSuffix(j.Compact.Partition, "/"); prefix != "" {
		opt.Filter = func(k partition.Key) bool { return strings.HasPrefix(k.Dir()+"/", prefix+"/") }
	}
	res, err := pipeline.Compact(ctx, e.Lake, opt)
	if err != nil {
		return err
	}
	rec.Events, rec.BytesIn, rec.BytesOut = res.RowsOut, res.BytesIn, res.BytesOut
	rec.Compact = &CompactSummary{Partitions: res.Partitions, InputFiles: res.InputFiles, OutputFiles: res.OutputFiles,
		RowsIn: res.RowsIn, Duplicates: res.Duplicates}
	return nil
}

func (e *PipelineExecutor) retention(ctx context.Context, j *Job, rec *Record) error {
	now := e.Now
	if now == nil {
		now = time.Now
	}
	rj := j.Retention
	res, err := pipeline.Retention(ctx, e.Lake, pipeline.RetentionOptions{KeepDays: rj.KeepDays, DryRun: rj.DryRun, Now: now,
		Logger: e.Logger.With("job", j.Name)})
	sum := &RetentionSummary{DryRun: rj.DryRun, KeepDays: rj.KeepDays, Cutoff: res.Cutoff, Partitions: len(res.Partitions),
		Files: res.Files, Bytes: res.Bytes}
	for _, p := range res.Partitions {
		if len(sum.Listed) == 20 {
			break
		}
		sum.Listed = append(sum.Listed, p.Dir)
	}
	rec.Retention = sum
	if err != nil {
		if errors.Is(err, pipeline.ErrKeepDays) {
			return fmt.Errorf("%w: %w", ErrPermanent, err)
		}
		return err
	}
	verb := "deleted"
	if rj.DryRun {
		verb = "would delete (dry run: set dry_run: false to delete)"
		for _, p := range res.Partitions {
			e.Logger.Info("retention dry run: would delete", "job", j.Name, "partition", p.Dir, "files", p.Files, "bytes", p.Bytes)
		}
	}
	e.Logger.Info("retention "+verb, "job", j.Name, "partitions", len(res.Partitions), "files", res.Files,
		"bytes", res.Bytes, "before", res.Cutoff)
	return nil
}
