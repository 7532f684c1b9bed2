package fn

import "errors"

// Sentinel errors.
var (
	// ErrUnknownFunction: no function has the name.
	ErrUnknownFunction = errors.New("unknown function")
	// ErrArgs: the function exists, but not for these argument types.
	ErrArgs = errors.New("unexpected argument types")
	// ErrValue: a value is invalid for the operation (a failed CAST,
	// division by zero, a bad regular expression).
	ErrValue = errors.New("invalid value")
)
