// Package synth writes realistic synthetic CloudTrail logs laid out like a
// CloudTrail S3 bucket. The demo, tests and benchmarks use it: the same
// Config and seed always give byte-identical trees, and memory stays flat
// however many events are asked for, since each account/region/day is
// generated and written on its own.
package synth
