package ingest

import "errors"

// ErrStateFormat: a state file of another format version or source.
var ErrStateFormat = errors.New("unusable state file")

// ErrBadKey: a listed key that cannot be a source object (see BadKey).
var ErrBadKey = errors.New("bad source key")
