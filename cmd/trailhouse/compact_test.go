package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompactMinFiles: by default compact leaves a partition of one file
// alone; --min-files 1 rewrites it (as part-c….parquet) with the same rows.
func TestCompactMinFiles(t *testing.T) {
	lake := queryLake(t)
	files := func() []string {
		m, _ := filepath.Glob(filepath.Join(lake, "cloudtrail_logs", "*", "*", "*", "*.parquet"))
		return m
	}
	before := files()
	if len(before) != 1 {
		t.Fatalf("lake has %d files, want 1", len(before))
	}
	if out, errs, code := run(t, "compact", "--lake", lake); code != exitOK || !strings.Contains(out, "compacted 0 partitions") {
		t.Fatalf("compact: code %d\n%s%s", code, out, errs)
	}
	out, errs, code := run(t, "compact", "--lake", lake, "--min-files", "1")
	if code != exitOK || !strings.Contains(out, "compacted 1 partitions: 1 files -> 1 files, 3 rows -> 3 rows") {
		t.Fatalf("compact --min-files 1: code %d\n%s%s", code, out, errs)
	}
	after := files()
	if len(after) != 1 || after[0] == before[0] || !strings.HasPrefix(filepath.Base(after[0]), "part-c") {
		t.Fatalf("files %v after compacting %v", after, before)
	}
	if _, err := os.Stat(before[0]); !os.IsNotExist(err) {
		t.Errorf("the old file is still there: %v", err)
	}
	if out, _, code := run(t, "query", "--lake", lake, "--format", "csv", "SELECT count(*) AS n FROM cloudtrail_logs"); code != exitOK || out != "n\n3\n" {
		t.Errorf("count after compact: code %d, %q", code, out)
	}
	if _, errs, code := run(t, "compact", "--lake", lake, "--min-files", "0"); code != exitUsage || !strings.Contains(errs, "--min-files") {
		t.Errorf("--min-files 0: code %d, %s", code, errs)
	}
}
