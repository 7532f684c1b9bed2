package objstore

import (
	"context"
	"errors"
	"io"
	"time"
)

// Sentinel errors.
var (
	ErrNotFound = errors.New("object not found")
	// ErrBadKey: a key that is empty, absolute, or has "." / ".." elements.
	ErrBadKey = errors.New("invalid object key")
)

// Object describes one stored object.
type Object struct {
	Key     string
	Size    int64
	ETag    string // content identity where the store has one (S3 ETag); may be empty
	ModTime time.Time
}

// Store is an object store.
//
// Contract: List calls fn for every object whose key starts with prefix, in
// lexical key order, and stops with fn's error. Open returns the object's
// content or an error wrapping ErrNotFound. Create returns a Writer whose
// content becomes visible under key only when Commit returns nil, replacing
// any object with that key at once (readers see the old or the new object,
// never a part); Abort (or Commit failing) leaves no trace. Delete of a
// missing key is not an error. All methods are safe for concurrent use.
type Store interface {
	List(ctx context.Context, prefix string, fn func(Object) error) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Create(ctx context.Context, key string) (Writer, error)
	Delete(ctx context.Context, key string) error
	// URI names key for messages and _source, e.g. "s3://b/k" or "/lake/k".
	URI(key string) string
}

// Writer is an object being written; see Store.Create.
type Writer interface {
	io.Writer
	Commit() error
	Abort() error
}
