package partition

import "errors"

// ErrClosed: the sink was used after Finish or Abort.
var ErrClosed = errors.New("sink is closed")
