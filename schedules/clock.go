package schedules

import "time"

// Clock is the daemon's time source. Tests drive a fake one, so schedule
// semantics are checked without sleeping.
//
// Contract: Now returns the current time. After returns a channel that
// receives the time once d has passed (at once for d <= 0); stop releases
// it early, after which nothing is received. Both are safe for concurrent
// use.
type Clock interface {
	Now() time.Time
	After(d time.Duration) (c <-chan time.Time, stop func())
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now implements Clock.
func (SystemClock) Now() time.Time { return time.Now() }

// After implements Clock.
func (SystemClock) After(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTimer(d)
	return t.C, func() { t.Stop() }
}
