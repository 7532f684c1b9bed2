package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// queryLake converts a few hand-made events into a lake.
func queryLake(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	day := filepath.Join(src, "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/14")
	if err := os.MkdirAll(day, 0o755); err != nil {
		t.Fatal(err)
	}
	events := `{"Records":[
	 {"eventID":"1","eventTime":"2024-03-14T10:00:00Z","eventName":"GetObject","awsRegion":"us-east-1","readOnly":true,
	  "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice"}},
	 {"eventID":"2","eventTime":"2024-03-14T11:00:00Z","eventName":"PutObject","awsRegion":"us-east-1","readOnly":false,
	  "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bob"},"errorCode":"AccessDenied"},
	 {"eventID":"3","eventTime":"2024-03-14T12:00:00Z","eventName":"GetObject","awsRegion":"us-east-1","readOnly":true,
	  "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice"}}]}`
	if err := os.WriteFile(filepath.Join(day, "a.json"), []byte(events), 0o644); err != nil {
		t.Fatal(err)
	}
	lake := filepath.Join(t.TempDir(), "lake")
	if _, errs, code := run(t, "convert", "--from", src, "--to", lake, "--progress", "none", "--no-state"); code != exitOK {
		t.Fatalf("convert: %d %s", code, errs)
	}
	return lake
}

func TestQueryCommand(t *testing.T) {
	lake := queryLake(t)
	out, errs, code := run(t, "query", "--lake", lake, "SELECT useridentity.arn, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY n DESC")
	if code != exitOK || !strings.Contains(out, "arn:aws:iam::111122223333:user/alice | 2") || !strings.Contains(out, "(2 rows)") {
		t.Fatalf("table: code %d, stderr %s, output:\n%s", code, errs, out)
	}
	out, _, code = run(t, "query", "--lake", lake, "--format", "csv", "SELECT eventid, eventtime, readonly FROM cloudtrail WHERE readonly = 'true' ORDER BY eventid")
	if want := "eventid,eventtime,readonly\n1,2024-03-14T10:00:00.000Z,true\n3,2024-03-14T12:00:00.000Z,true\n"; code != exitOK || out != want {
		t.Errorf("csv: code %d, got\n%q\nwant\n%q", code, out, want)
	}
	script := filepath.Join(t.TempDir(), "two.sql")
	os.WriteFile(script, []byte("SELECT count(*) AS a FROM cloudtrail_logs;\n-- the failures\nSELECT count(*) AS b FROM cloudtrail_logs WHERE errorcode IS NOT NULL;\n"), 0o644)
	out, _, code = run(t, "query", "--lake", lake, "--format", "ndjson", "-f", script)
	if code != exitOK || out != "{\"a\":3}\n{\"b\":1}\n" {
		t.Errorf("-f: code %d, output %q", code, out)
	}
	outFile := filepath.Join(t.TempDir(), "r.parquet")
	if _, errs, code := run(t, "query", "--lake", lake, "--format", "parquet", "--output", outFile, "SELECT * FROM cloudtrail_logs"); code != exitOK {
		t.Errorf("parquet: code %d %s", code, errs)
	} else if b, err := os.ReadFile(outFile); err != nil || len(b) < 8 || string(b[:4]) != "PAR1" {
		t.Errorf("parquet output is not a Parquet file (%d bytes, %v)", len(b), err)
	}
	_, errs, code = run(t, "query", "--lake", lake, "SELECT eventnme FROM cloudtrail_logs")
	if code != exitUsage || !strings.Contains(errs, "did you mean eventname") || !strings.Contains(errs, "       ^") {
		t.Errorf("bad column: code %d, stderr:\n%s", code, errs)
	}
	_, errs, code = run(t, "query", "--lake", lake, "SELECT CAST(eventname AS bigint) FROM cloudtrail_logs")
	if code != exitFailed || !strings.Contains(errs, `cannot cast varchar "GetObject" to bigint`) {
		t.Errorf("failing statement: code %d, stderr:\n%s", code, errs)
	}
	for _, args := range [][]string{{"query"}, {"query", "--lake", lake, "--format", "xml", "SELECT 1"}, {"query", "--lake", lake, "-f", "x.sql", "SELECT 1"}} {
		if _, _, code := run(t, args...); code != exitUsage {
			t.Errorf("%v: code %d, want %d", args, code, exitUsage)
		}
	}
	out, _, code = run(t, "query", "--help")
	for _, want := range []string{"useridentity.arn", "EXPLAIN", "Example", "--format", "--max-memory"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("query --help lacks %q", want)
		}
	}
}
