// Package pipeline is the one place where the stages meet: it wires ingest
// (what to read), convert (decode and flatten) and partition (sort, dedup,
// write) into a conversion run, and produces the run report.
package pipeline
