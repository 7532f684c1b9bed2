package schedules

import "errors"

// Sentinel errors.
var (
	// ErrConfig: the config file is invalid; the error lists each problem
	// with its file and line.
	ErrConfig = errors.New("invalid config")
	// ErrUnknownJob: no job of that name in the config.
	ErrUnknownJob = errors.New("unknown job")
	// ErrPermanent marks a run failure that a retry cannot fix (a bad
	// setting, a lake written by another shard count); other failures are
	// taken as transient and retried with backoff.
	ErrPermanent = errors.New("permanent failure")
)
