package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/pipeline"
	"github.com/trailhouse/trailhouse/internal/s3test"
)

// logLines parses the slog text lines of out with msg=progress into maps.
func logLines(out string) []map[string]string {
	var lines []map[string]string
	attr := regexp.MustCompile(`(\w+)=("(?:[^"\\]|\\.)*"|\S*)`)
	for _, l := range strings.Split(out, "\n") {
		if !strings.Contains(l, "msg=progress") {
			continue
		}
		m := map[string]string{}
		for _, kv := range attr.FindAllStringSubmatch(l, -1) {
			m[kv[1]] = strings.Trim(kv[2], `"`)
		}
		lines = append(lines, m)
	}
	return lines
}

// Off a terminal, progress is slog lines: the first and last of each phase
// whatever the interval, with totals, MB/s and an ETA once a total is known.
func TestLogProgressPhases(t *testing.T) {
	var buf bytes.Buffer
	log := logProgress(slog.New(slog.NewTextHandler(&buf, nil)), time.Hour)
	for _, p := range []pipeline.Progress{
		{Phase: "list", ObjectsDone: 10},
		{Phase: "list", ObjectsDone: 20}, // within the interval: not logged
		{Phase: "read", ObjectsTotal: 4, BytesTotal: 4e6},
		{Phase: "read", ObjectsDone: 2, ObjectsTotal: 4, BytesRead: 2e6, BytesTotal: 4e6, Events: 20, Elapsed: time.Second},
		{Phase: "read", ObjectsDone: 4, ObjectsTotal: 4, BytesRead: 4e6, BytesTotal: 4e6, Events: 40, Elapsed: 2 * time.Second},
		{Phase: "read", ObjectsDone: 4, ObjectsTotal: 4, BytesRead: 4e6, BytesTotal: 4e6, Events: 40, Elapsed: 3 * time.Second}, // final again: not logged
		{Phase: "write", RowsWritten: 0, RowsTotal: 40},
		{Phase: "write", RowsWritten: 40, RowsTotal: 40},
	} {
		log(p)
	}
	got := logLines(buf.String())
	want := []string{"list objects_listed=10", "read objects=0 percent=0", "read objects=4 percent=100 eta=0s", "write rows_written=0", "write rows_written=40 eta=0s"}
	if len(got) != len(want) {
		t.Fatalf("%d progress lines, want %d:\n%s", len(got), len(want), buf.String())
	}
	for i, w := range want {
		f := strings.Fields(w)
		if got[i]["phase"] != f[0] {
			t.Errorf("line %d: phase %q, want %q", i, got[i]["phase"], f[0])
		}
		for _, kv := range f[1:] {
			k, v, _ := strings.Cut(kv, "=")
			if got[i][k] != v {
				t.Errorf("line %d: %s=%q, want %q\n%s", i, k, got[i][k], v, buf.String())
			}
		}
	}
	if got[2]["mb_per_s"] != "2.0" || got[2]["mb_read"] != "4.0" {
		t.Errorf("last read line %v: want mb_read=4.0 and mb_per_s=2.0 (4 MB in the phase's 2 s)", got[2])
	}
}

// TestConvertS3ProgressLog: `convert --progress auto` from an S3 source,
// with stderr not a terminal, logs the listing, then the read phase with
// the object total known, and the write phase; no bar is drawn.
func TestConvertS3ProgressLog(t *testing.T) {
	srv := s3test.Start(t)
	t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretAccessKey)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	src := srv.Store(t, "trail/")
	const n = 6
	for i := range n {
		w, err := src.Create(t.Context(), fmt.Sprintf("AWSLogs/111122223333/CloudTrail/us-east-1/%s/o%d.json", time.Now().UTC().Format("2006/01/02"), i))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, `{"Records":[{"eventID":"e%d","eventTime":"%s","eventName":"X","awsRegion":"us-east-1"}]}`, i, time.Now().UTC().Format(time.RFC3339))
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	lake := filepath.Join(t.TempDir(), "lake")
	out, errs, code := run(t, "convert", "--from", "s3://"+srv.Bucket+"/trail/", "--to", lake,
		"--endpoint-url", srv.URL, "--path-style", "--region", s3test.Region, "--progress", "auto")
	if code != exitOK || !strings.Contains(out, fmt.Sprintf("%d decoded", n)) {
		t.Fatalf("convert: code %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if strings.Contains(errs, "\r") {
		t.Errorf("a bar was drawn on a non-terminal:\n%q", errs)
	}
	t.Logf("stderr:\n%s", errs)
	phases := map[string]map[string]string{}
	for _, l := range logLines(errs) {
		phases[l["phase"]] = l // the last of each phase
	}
	if phases["list"] == nil {
		t.Errorf("no progress line for the listing:\n%s", errs)
	}
	r := phases["read"]
	if r == nil || r["objects"] != fmt.Sprint(n) || r["objects_total"] != fmt.Sprint(n) || r["eta"] != "0s" || r["mb_per_s"] == "" {
		t.Errorf("last read line %v: want objects=objects_total=%d, mb_per_s, eta=0s\n%s", r, n, errs)
	}
	if w := phases["write"]; w == nil || w["rows_total"] != fmt.Sprint(n) {
		t.Errorf("last write line %v, want rows_total=%d\n%s", w, n, errs)
	}
}
