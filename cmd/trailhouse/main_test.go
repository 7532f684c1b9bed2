package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trailhouse/trailhouse/internal/pipeline"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	root := newRoot()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	code = exitOK
	if err != nil {
		code = exitFailed
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		} else if isFlagError(err) {
			code = exitUsage
		}
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), code
}

func TestConvertExitCodes(t *testing.T) {
	src := t.TempDir()
	day := filepath.Join(src, "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/14")
	os.MkdirAll(day, 0o755)
	os.WriteFile(filepath.Join(day, "a.json"), []byte(`{"Records":[{"eventID":"1","eventTime":"2024-03-14T10:00:00Z","eventName":"X","awsRegion":"us-east-1"}]}`), 0o644)

	lake := filepath.Join(t.TempDir(), "lake")
	out, _, code := run(t, "convert", "--from", src, "--to", lake, "--progress", "none")
	if code != exitOK || !strings.Contains(out, "1 decoded, 1 written") {
		t.Fatalf("clean run: code %d, output:\n%s", code, out)
	}

	// The 2024 folder is long before the look-back window of an incremental
	// run today: a one-off run (--no-state) reads it all again.
	os.WriteFile(filepath.Join(day, "bad.json"), []byte(`{"hello":"world"}`), 0o644)
	out, _, code = run(t, "convert", "--from", src, "--to", lake, "--progress", "none", "--no-state")
	if code != exitProblems || !strings.Contains(out, "bad.json") || !strings.Contains(out, "not a CloudTrail event") {
		t.Fatalf("run with a bad object: code %d, output:\n%s", code, out)
	}

	for _, args := range [][]string{
		{"convert"},
		{"convert", "--from", src},
		{"convert", "--from", filepath.Join(src, "missing"), "--to", lake},
		{"convert", "--from", src, "--to", lake, "--no-such-flag"},
		{"convert", "--from", src, "--to", lake, "--report", "xml"},
	} {
		if _, errs, code := run(t, args...); code != exitUsage || errs == "" {
			t.Errorf("%v: code %d (want %d), stderr %q", args, code, exitUsage, errs)
		}
	}

	out, _, code = run(t, "partitions", "--lake", lake)
	if code != exitOK || !strings.Contains(out, "cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14") {
		t.Errorf("partitions: code %d, output:\n%s", code, out)
	}
}

func TestHelpTeaches(t *testing.T) {
	for _, cmd := range []string{"convert", "compact", "partitions", "generate"} {
		out, _, code := run(t, cmd, "--help")
		if code != exitOK || !strings.Contains(out, "Example") && !strings.Contains(out, "Examples") {
			t.Errorf("%s --help: code %d, no examples:\n%s", cmd, code, out)
		}
	}
	out, _, _ := run(t, "convert", "--help")
	for _, want := range []string{"Exit status", "--max-memory", "Digest"} {
		if !strings.Contains(out, want) {
			t.Errorf("convert --help does not mention %q", want)
		}
	}
}

// TestReportLinesPrintable: an object whose name holds a newline or a
// terminal escape is named on one line, quoted, in the text report.
func TestReportLinesPrintable(t *testing.T) {
	var b strings.Builder
	printReport(&b, &pipeline.Report{
		Problems: []pipeline.Problem{{Object: "/src/a\nb\x1b[31m.json.gz", Error: "invalid JSON"}},
		Warnings: []pipeline.Problem{{Object: "/src/plain.json.gz", Error: "named .gz but not gzip-compressed"}},
	})
	out := b.String()
	for _, want := range []string{
		`  problem: "/src/a\nb\x1b[31m.json.gz": invalid JSON` + "\n",
		"  warning: /src/plain.json.gz: named .gz but not gzip-compressed\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Errorf("report holds a raw escape character:\n%s", out)
	}
}
