package pq

import "errors"

var (
	// ErrUnsupported: the file uses a feature this package does not read
	// (a codec, encoding, type or nesting); a general reader may.
	ErrUnsupported = errors.New("parquet: unsupported")
	// ErrCorrupt: the bytes are not a valid Parquet file, footer or page.
	ErrCorrupt = errors.New("parquet: corrupt")
	// ErrType: the column cannot be read as the engine type asked for.
	ErrType = errors.New("parquet: column type mismatch")
)
