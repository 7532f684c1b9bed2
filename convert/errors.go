package convert

import (
	"errors"
	"fmt"
)

// Sentinel errors; match with errors.Is.
var (
	// ErrEmpty: the object has no bytes, or only whitespace.
	ErrEmpty = errors.New("empty object")
	// ErrNotCloudTrail: a JSON document that is neither a CloudTrail event, a
	// container of events, nor a digest.
	ErrNotCloudTrail = errors.New("not a CloudTrail event")
	// ErrTooLarge: one event (or one document that cannot be streamed)
	// exceeds MaxEventBytes.
	ErrTooLarge = errors.New("event too large")
	// ErrTruncated: the object ends in the middle of a JSON value or of a
	// gzip stream.
	ErrTruncated = errors.New("truncated")
)

// ItemError is a problem with one item (event or wrapper) of an object; the
// decoder can go on with the next item.
type ItemError struct {
	Index int // 0-based position of the item among the object's items
	Err   error
}

func (e *ItemError) Error() string { return fmt.Sprintf("item #%d: %v", e.Index+1, e.Err) }
func (e *ItemError) Unwrap() error { return e.Err }
