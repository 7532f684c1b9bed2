//go:build race

package query_test

func init() { raceDetector = true }
