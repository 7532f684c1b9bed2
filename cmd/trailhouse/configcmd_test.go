package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trailhouse/trailhouse/schedules"
)

func TestScheduleCommandsHelp(t *testing.T) {
	for _, args := range [][]string{{"schedule", "--help"}, {"run", "--help"}, {"status", "--help"}, {"config", "init", "--help"}, {"config", "check", "--help"}} {
		out, _, code := run(t, args...)
		if code != exitOK || !strings.Contains(out, "Examples:") || !strings.Contains(out, "--config") && args[0] != "config" {
			t.Errorf("%v: code %d:\n%s", args, code, out)
		}
	}
	out, _, _ := run(t, "schedule", "--help")
	for _, want := range []string{"overlap", "SIGTERM", "grace_period", "/metrics", "catch", "exit status is 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("schedule --help does not mention %q", want)
		}
	}
}

func TestConfigInitAndCheck(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "trailhouse.yaml")
	if _, errs, code := run(t, "config", "init", "--out", cfg); code != exitOK {
		t.Fatalf("config init: %d %s", code, errs)
	}
	b, _ := os.ReadFile(cfg)
	if string(b) != schedules.ExampleConfig {
		t.Fatal("config init wrote something else than the example")
	}
	if _, errs, code := run(t, "config", "init", "--out", cfg); code != exitUsage || !strings.Contains(errs, "--force") {
		t.Errorf("config init over a file: %d %s", code, errs)
	}
	out, errs, code := run(t, "config", "check", "--config", cfg, "--no-probe")
	if code != exitOK || !strings.Contains(out, "retention") {
		t.Errorf("config check of the example: %d\n%s%s", code, out, errs)
	}

	// A local config: a bad key is refused with its line; run, status.
	src := filepath.Join(dir, "logs")
	os.MkdirAll(src, 0o755)
	good := "lake: {uri: lake}\nsources: {trail: {uri: logs}}\njobs:\n  convert: {kind: convert, schedule: '@hourly'}\n"
	os.WriteFile(cfg, []byte(good+"  prune: {kind: retention, schedule: '@daily', keep_dayz: 3}\n"), 0o644)
	for _, args := range [][]string{{"schedule", "--config", cfg}, {"run", "convert", "--config", cfg}, {"config", "check", "--config", cfg}} {
		_, errs, code := run(t, args...)
		if code != exitUsage || !strings.Contains(errs, cfg+`:5: job prune: unknown key "keep_dayz" for a retention job`) {
			t.Errorf("%v: code %d, stderr %s", args, code, errs)
		}
	}
	os.WriteFile(cfg, []byte(good), 0o644)
	if _, errs, code := run(t, "run", "nope", "--config", cfg); code != exitUsage || !strings.Contains(errs, `unknown job "nope"`) {
		t.Errorf("run of an unknown job: %d %s", code, errs)
	}
	out, errs, code = run(t, "run", "convert", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "job convert (convert): ok") {
		t.Errorf("run convert over an empty source: %d\n%s%s", code, out, errs)
	}
	out, errs, code = run(t, "status", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "manual") || !strings.Contains(out, "job convert (convert)") {
		t.Errorf("status: %d\n%s%s", code, out, errs)
	}
}
