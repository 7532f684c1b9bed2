//go:build race

package convert

// raceEnabled: the race detector slows the decoder about tenfold, so the
// exhaustive equivalence checks do a sample only.
const raceEnabled = true
