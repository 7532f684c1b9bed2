// Package schedules runs the lake's jobs unattended: conversion, compaction
// and retention on cron schedules, from a YAML config file.
//
// The parts, each with its own file: config.go loads and validates the
// config (strict keys, ${VAR} expansion, errors naming the line); daemon.go
// is the scheduler (robfig/cron/v3 expressions, no overlap, catch-up at
// start-up, retries with backoff, a graceful stop) driven by an injected
// Clock; exec.go runs one attempt of a job through internal/pipeline;
// history.go keeps one small JSON record per run in the lake under
// _trailhouse/runs/jobs/, so status works from any machine; status.go and
// metrics.go tell operators what happened.
//
// The package wires nothing itself: cmd/trailhouse loads a Config, builds a
// Daemon with an Executor and a History, and runs it.
package schedules
