package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/partition"
)

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func ev(id, t, region, acct string) string {
	return fmt.Sprintf(`{"eventVersion":"1.11","eventTime":%q,"eventName":"GetObject","eventSource":"s3.amazonaws.com","awsRegion":%q,"recipientAccountId":%q,"eventID":%q,"readOnly":true}`,
		t, region, acct, id)
}

func writeTree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for k, v := range files {
		p := filepath.Join(dir, filepath.FromSlash(k))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, v, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const day = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/14/"

// TestBadInputIsReportedAndGoodDataKept: each bad object gets one problem
// naming it, every good event lands in the lake once, and hostile values
// stay inside the lake.
func TestBadInputIsReportedAndGoodDataKept(t *testing.T) {
	good := `{"Records":[` + ev("g1", "2024-03-14T10:00:00Z", "us-east-1", "111122223333") + "," +
		ev("g2", "2024-03-14T23:59:59Z", "us-east-1", "111122223333") + "]}"
	full := gz(`{"Records":[` + ev("t1", "2024-03-14T10:00:00Z", "us-east-1", "111122223333") + "," +
		strings.Repeat(" ", 70000) + ev("t2", "2024-03-14T10:00:01Z", "us-east-1", "111122223333") + "]}")
	files := map[string][]byte{
		day + "good.json.gz":           gz(good),
		day + "dup-of-good.json.gz":    gz(good), // AWS redelivery: same events again
		day + "truncated.json.gz":      full[:len(full)-40],
		day + "invalid.json.gz":        gz(`{"Records":[` + ev("i1", "2024-03-14T10:00:00Z", "us-east-1", "111122223333") + `, {"eventID": ]}`),
		day + "not-cloudtrail.json.gz": gz(`{"hello":"world"}`),
		day + "empty.json.gz":          {},
		day + "no-time.json.gz":        gz(`{"Records":[{"eventID":"nt1","eventName":"X","awsRegion":"us-east-1"}]}`),
		day + "wrong-types.json.gz":    gz(`{"Records":[{"eventID":"w1","eventTime":"2024-03-14T10:00:00Z","readOnly":"True","recipientAccountId":111122223333,"awsRegion":"us-east-1"}]}`),
		day + "hostile.json.gz":        gz(`{"Records":[` + ev("h1", "2024-03-14T10:00:00Z", "../../x", "../../../etc") + "," + ev("h2", "2024-03-14T10:00:00Z", "us-east-1/../../y", "1111/2222") + "]}"),
		day + "no-events.json.gz":      gz(`{"Records":[]}`),
		day + "bad-item.json.gz":       gz(`{"Records":["oops",` + ev("b1", "2024-03-14T10:00:00Z", "us-east-1", "111122223333") + "]}"),
		"exports/lines.ndjson":         []byte(ev("x1", "2024-03-15T00:00:00Z", "eu-west-1", "444455556666") + "\n" + ev("x2", "2024-03-15T00:00:01Z", "eu-west-1", "444455556666") + "\n"),
		"AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/14/d.json.gz": gz(`{"digestStartTime":"x","logFiles":[]}`),
		"AWSLogs/111122223333/Config/us-east-1/2024/03/14/c.json.gz":            gz(`{"x":1}`),
		"README.md": []byte("not data"),
	}
	srcDir, lakeDir := t.TempDir(), filepath.Join(t.TempDir(), "lake")
	writeTree(t, srcDir, files)
	src, _ := objstore.NewDir(srcDir)
	lake, _ := objstore.NewDir(lakeDir)
	rep, err := Convert(context.Background(), Options{From: src, To: lake, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}

	wantProblem := map[string]string{
		"truncated.json.gz":      "compressed stream ends early",
		"invalid.json.gz":        "invalid JSON",
		"not-cloudtrail.json.gz": "not a CloudTrail event",
		"empty.json.gz":          "empty object",
		"bad-item.json.gz":       "item #1: not a CloudTrail event: a JSON string",
	}
	got := map[string]string{}
	for _, p := range rep.Problems {
		if !strings.HasPrefix(p.Object, srcDir) {
			t.Errorf("problem does not name the object by its full path: %+v", p)
		}
		got[filepath.Base(p.Object)] += p.Error
	}
	for obj, msg := range wantProblem {
		if !strings.Contains(got[obj], msg) {
			t.Errorf("problem for %s = %q, want it to mention %q", obj, got[obj], msg)
		}
	}
	for obj := range got {
		if _, ok := wantProblem[obj]; !ok {
			t.Errorf("unexpected problem for %s: %s", obj, got[obj])
		}
	}
	if len(rep.Warnings) != 1 || filepath.Base(rep.Warnings[0].Object) != "no-events.json.gz" ||
		rep.Warnings[0].Error != "holds no events (an empty records array)" {
		t.Errorf("warnings %+v, want one for no-events.json.gz: an empty Records array is well formed", rep.Warnings)
	}
	if rep.BadObjects != len(wantProblem) || !rep.Failed() {
		t.Errorf("bad objects = %d, want %d", rep.BadObjects, len(wantProblem))
	}
	if rep.DigestObjects != 1 || rep.SkippedObjects != 2 {
		t.Errorf("digests %d skipped %d, want 1 and 2", rep.DigestObjects, rep.SkippedObjects)
	}
	if rep.Duplicates != 2 {
		t.Errorf("duplicates dropped = %d, want 2", rep.Duplicates)
	}

	// Every good event exactly once, where the rules put it.
	wantRows := map[string]string{
		"g1":  "cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14",
		"g2":  "cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14",
		"t1":  "cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14", // before the truncation
		"i1":  "cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14", // before the invalid JSON
		"nt1": "cloudtrail_logs/account=111122223333/region=us-east-1/date=" + partition.Default,
		"w1":  "cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14", // account from the key
		"h1":  "cloudtrail_logs/account=" + partition.Default + "/region=" + partition.Default + "/date=2024-03-14",
		"h2":  "cloudtrail_logs/account=" + partition.Default + "/region=" + partition.Default + "/date=2024-03-14",
		"b1":  "cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14",
		"x1":  "cloudtrail_logs/account=444455556666/region=eu-west-1/date=2024-03-15",
		"x2":  "cloudtrail_logs/account=444455556666/region=eu-west-1/date=2024-03-15",
	}
	gotRows := map[string][]string{}
	parts, err := partition.List(context.Background(), lake)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		for _, f := range p.Files {
			partition.ReadRows(context.Background(), lake, f, func(r *record.Row) error {
				gotRows[r.Str[record.EventID]] = append(gotRows[r.Str[record.EventID]], p.Key.Dir())
				return nil
			})
		}
	}
	for id, dir := range wantRows {
		if len(gotRows[id]) != 1 || gotRows[id][0] != dir {
			t.Errorf("event %s found in %v, want once in %s", id, gotRows[id], dir)
		}
	}
	for id := range gotRows {
		if _, ok := wantRows[id]; !ok {
			t.Errorf("unexpected event %s in the lake", id)
		}
	}

	// Nothing was written outside the lake directory.
	parent := filepath.Dir(lakeDir)
	filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
		if p != parent && p != lakeDir && !strings.HasPrefix(p, lakeDir+string(filepath.Separator)) {
			t.Errorf("written outside the lake: %s", p)
		}
		return nil
	})
}
