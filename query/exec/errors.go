package exec

import "errors"

// Sentinel errors.
var (
	// ErrMemoryLimit: the query needs more memory than its limit allows.
	ErrMemoryLimit = errors.New("query exceeded its memory limit")
	// ErrSchema: a lake file's columns do not have the lake schema's types.
	ErrSchema = errors.New("file does not have the lake schema")
)
