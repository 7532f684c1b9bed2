package ingest

import (
	"context"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// Object is a source object with what its key says.
type Object struct {
	objstore.Object
	Info KeyInfo
}

// Discover lists every object under prefix and calls fn with each, in key
// order, classified by ParseKey (Kind Other included, so callers can count
// what they skip).
func Discover(ctx context.Context, src objstore.Store, prefix string, fn func(Object) error) error {
	return src.List(ctx, prefix, func(o objstore.Object) error {
		return fn(Object{Object: o, Info: ParseKey(o.Key)})
	})
}
