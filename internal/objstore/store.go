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
	// ErrExists: PutIfAbsent found an object under the key already.
	ErrExists = errors.New("object already exists")
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

// LevelLister is implemented by stores that list one level's folders and
// objects in one request (both ListDirs and ListFiles in one): dirFn gets
// what ListDirs would, objFn what ListFiles would, each in lexical order.
// Either may be nil.
type LevelLister interface {
	ListLevel(ctx context.Context, prefix string, dirFn func(dir string) error, objFn func(Object) error) error
}

// Store is an object store.
//
// Contract: List calls fn for every object whose key starts with prefix, in
// lexical key order, and stops with fn's error. ListDirs calls fn, in
// lexical order, with each distinct "directory" one level below prefix
// (prefix is "" or ends in "/"): the part of the keys under prefix up to and
// including the next "/", as a full key prefix (e.g. "AWSLogs/1111/"); keys
// with no further "/" are not reported. ListFiles calls fn, in lexical key
// order, for exactly those keys: the objects directly under prefix. Stat returns one object's
// description or an error wrapping ErrNotFound. Open returns the object's
// content or an error wrapping ErrNotFound. Create returns a Writer whose
// content becomes visible under key only when Commit returns nil, replacing
// any object with that key at once (readers see the old or the new object,
// never a part); Abort (or Commit failing) leaves no trace. PutIfAbsent
// stores data under key only if no object has that key, atomically: of any
// number of concurrent calls for one key exactly one succeeds, the others
// get an error wrapping ErrExists. Delete of a missing key is not an error.
// All methods are safe for concurrent use.
type Store interface {
	List(ctx context.Context, prefix string, fn func(Object) error) error
	ListDirs(ctx context.Context, prefix string, fn func(dir string) error) error
	ListFiles(ctx context.Context, prefix string, fn func(Object) error) error
	Stat(ctx context.Context, key string) (Object, error)
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Create(ctx context.Context, key string) (Writer, error)
	PutIfAbsent(ctx context.Context, key string, data []byte) error
	Delete(ctx context.Context, key string) error
	// URI names key for messages and _source, e.g. "s3://b/k" or "/lake/k".
	URI(key string) string
	// Stats returns the requests made so far (a local directory counts its
	// operations the same way), for run reports and request-count tests.
	Stats() Stats
}

// Stats counts a store's requests and bytes since it was opened.
type Stats struct {
	List   int64 `json:"list"`   // LIST requests (one per page)
	Get    int64 `json:"get"`    // GET requests (Open)
	Head   int64 `json:"head"`   // HEAD requests (Stat)
	Put    int64 `json:"put"`    // PUT requests (Commit, PutIfAbsent; each multipart part counts)
	Delete int64 `json:"delete"` // DELETE requests
	// BytesRead and BytesWritten are object bytes moved.
	BytesRead    int64 `json:"bytes_read"`
	BytesWritten int64 `json:"bytes_written"`
}

// Sub returns s - t, the requests made between two snapshots.
func (s Stats) Sub(t Stats) Stats {
	return Stats{List: s.List - t.List, Get: s.Get - t.Get, Head: s.Head - t.Head, Put: s.Put - t.Put,
		Delete: s.Delete - t.Delete, BytesRead: s.BytesRead - t.BytesRead, BytesWritten: s.BytesWritten - t.BytesWritten}
}

// Writer is an object being written; see Store.Create.
type Writer interface {
	io.Writer
	Commit() error
	Abort() error
}
