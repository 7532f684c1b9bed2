package serve

import "errors"

// Sentinel errors.
var (
	// ErrBusy: the server was running its maximum of concurrent queries for
	// longer than a query may wait for a slot.
	ErrBusy = errors.New("server busy")
	// ErrUnauthenticated: a request without valid credentials.
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrReadOnly: a request to change data; the server only reads.
	ErrReadOnly = errors.New("the server is read-only")
	// ErrInsecure: a configuration that would expose the lake without TLS
	// or authentication on a non-loopback address.
	ErrInsecure = errors.New("insecure configuration")
)
