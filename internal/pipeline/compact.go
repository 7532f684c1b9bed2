package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/lease"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/partition"
)

// ErrPendingRun: a conversion run did not finish; compaction waits for the
// next conversion to complete it.
var ErrPendingRun = errors.New("a conversion run has not finished")

// Compact runs partition.Compact under the lake's compact lease, and only
// when no conversion run is pending: completing a pending run rewrites its
// files, and had compaction merged them, their events would be there twice.
func Compact(ctx context.Context, lake objstore.Store, opt partition.CompactOptions) (partition.CompactResult, error) {
	pending, err := ingest.PendingRuns(ctx, lake)
	if err != nil {
		return partition.CompactResult{}, err
	}
	if len(pending) > 0 {
		return partition.CompactResult{}, fmt.Errorf("%w (%s): run convert first, it completes the run", ErrPendingRun, strings.Join(pending, ", "))
	}
	if opt.DryRun {
		return partition.Compact(ctx, lake, opt)
	}
	l, err := lease.Acquire(ctx, lake, "compact", lease.Options{Holder: lease.Holder("compact")})
	if err != nil {
		return partition.CompactResult{}, err
	}
	defer l.Release(context.WithoutCancel(ctx))
	return partition.Compact(ctx, lake, opt)
}
