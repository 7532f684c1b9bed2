package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
)

// TestIncrementalS3BadInput: bad input as S3 serves it, through an
// incremental run. Each bad object gets exactly one line naming it by its
// s3:// URI; what is wrong for good is recorded as converted, what could
// not be fetched is left out of the state and converted by the next run;
// every other event is in the lake exactly once after each run.
func TestIncrementalS3BadInput(t *testing.T) {
	for _, kind := range []string{"gofakes3", "MinIO"} {
		t.Run(kind, func(t *testing.T) {
			var srv *s3test.Server
			if kind == "MinIO" {
				srv = s3test.StartMinIO(t)
			} else {
				srv = s3test.Start(t)
			}
			testS3BadInput(t, srv)
		})
	}
}

func testS3BadInput(t *testing.T, srv *s3test.Server) {
	ctx := context.Background()
	src, lake := srv.Store(t, "trail/"), srv.Store(t, "lake/")
	const dir = "AWSLogs/111122223300/CloudTrail/us-east-1/2026/03/01/"
	key := func(name string) string {
		return dir + "111122223300_CloudTrail_us-east-1_20260301T0000Z_" + name + ".json.gz"
	}
	full := func(name string) string { return "trail/" + key(name) }
	records := func(tag string) string {
		return `{"Records":[` + ev(tag+"-a", "2026-03-01T10:00:00Z", "us-east-1", "111122223300") + "," +
			ev(tag+"-b", "2026-03-01T10:00:01Z", "us-east-1", "111122223300") + "]}"
	}

	good := deliveries(1, 1, []int{0}, 4, "good")
	files := map[string][]byte{
		key("deleted"):        gz(records("deleted")),
		key("empty"):          {},
		key("slowdown"):       gz(records("slowdown")),
		key("throttled"):      gz(records("throttled")),
		key("cut-once"):       gz(records("cut-once")),
		key("cut-always"):     gz(records("cut-always")),
		key("plain"):          []byte(records("plain")),
		key("zip"):            append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 60)...),
		key("double-gzip"):    gz(string(gz(records("double-gzip")))),
		key("content-enc-gz"): nil, // stored below with Content-Encoding: gzip
	}
	delete(files, key("content-enc-gz"))
	put(t, src, good)
	put(t, src, files)
	for name, body := range map[string][]byte{
		"content-enc-gz":     gz(records("content-enc-gz")),
		"double-gzip-header": gz(string(gz(records("double-gzip-header")))),
	} {
		if _, err := srv.Client().PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String(srv.Bucket), Key: aws.String(full(name)), Body: bytes.NewReader(body),
			ContentEncoding: aws.String("gzip"), ContentType: aws.String("application/json"),
		}); err != nil {
			t.Fatal(err)
		}
	}

	// deleted: gone between the listing and the GET.
	srv.Inject(func(r *http.Request) (int, string, bool) {
		if s3test.Op(r, srv.Bucket) != "GetObject" || s3test.Key(r, srv.Bucket) != full("deleted") {
			return 0, "", false
		}
		if _, err := srv.Client().DeleteObject(r.Context(), &s3.DeleteObjectInput{Bucket: aws.String(srv.Bucket), Key: aws.String(full("deleted"))}); err != nil {
			t.Errorf("delete: %v", err)
		}
		return 404, s3test.ErrorBody("NoSuchKey", "The specified key does not exist."), true
	})
	// slowdown: throttled twice, then served (the SDK's retries).
	srv.Inject(s3test.FailKey(srv, 2, "GetObject", full("slowdown"), 503, "SlowDown"))
	// throttled, cut-always: throttled, or broken mid-body, for the whole
	// of the first run.
	var firstRun atomic.Bool
	firstRun.Store(true)
	throttle := s3test.FailKey(srv, -1, "GetObject", full("throttled"), 503, "SlowDown")
	srv.Inject(func(r *http.Request) (int, string, bool) {
		if !firstRun.Load() {
			return 0, "", false
		}
		return throttle(r)
	})
	cutAlways := s3test.CutBody(srv, full("cut-always"), 20, -1)
	srv.AddFilter(func(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
		if !firstRun.Load() {
			return w
		}
		return cutAlways(w, r)
	})
	// cut-once: the body breaks off once; the object is fetched again.
	srv.AddFilter(s3test.CutBody(srv, full("cut-once"), 20, 1))

	opt := Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{Now: clockAt(0)}}
	rep, err := Convert(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		msg   string
		retry bool
	}
	wantProblems := map[string]want{
		"deleted":            {"deleted after it was listed (not found at GET)", true},
		"empty":              {"empty object (0 bytes)", false},
		"throttled":          {"could not be fetched, left for the next run: throttled: S3 answered SlowDown to all 6 attempts", true},
		"cut-always":         {"body broke off on all 3 GETs, left for the next run", true},
		"zip":                {"named .gz but neither gzip nor JSON (first bytes 50 4b 03 04)", false},
		"double-gzip":        {"compressed twice (gzip inside gzip", false},
		"double-gzip-header": {"compressed twice (gzip inside gzip", false},
	}
	checkLines(t, "problem", rep.Problems, src.URI(key("")), func(name string) (string, bool, bool) {
		w, ok := wantProblems[name]
		return w.msg, w.retry, ok
	})
	checkLines(t, "warning", rep.Warnings, src.URI(key("")), func(name string) (string, bool, bool) {
		return "named .gz but not gzip-compressed: read as plain text (2 events)", false, name == "plain"
	})
	if len(rep.Problems) != len(wantProblems) || rep.BadObjects != len(wantProblems) || len(rep.Warnings) != 1 {
		t.Errorf("%d problem lines about %d objects and %d warnings, want %d, %d and 1",
			len(rep.Problems), rep.BadObjects, len(rep.Warnings), len(wantProblems), len(wantProblems))
	}
	if ir := rep.Incremental; ir.Retried != 3 || ir.New != len(good)+len(files)+2 {
		t.Errorf("left for the next run %d, new %d; want 3 and %d", ir.Retried, ir.New, len(good)+len(files)+2)
	}
	for _, p := range rep.Problems {
		t.Logf("problem: %s: %s", p.Object, p.Error)
	}
	converted := []string{"slowdown", "cut-once", "plain", "content-enc-gz"}
	checkLake(t, lake, good, converted)

	// The next run, with S3 behaving: the objects left for it are
	// converted, those bad for good are not reported again.
	firstRun.Store(false)
	opt.Incremental = &Incremental{Now: clockAt(0)}
	rep, err = Convert(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Objects != 2 || len(rep.Problems) != 0 || len(rep.Warnings) != 0 || rep.Incremental.Retried != 0 {
		t.Errorf("second run: %d objects, problems %v, warnings %v, %d left; want the 2 left for it, nothing else",
			rep.Objects, rep.Problems, rep.Warnings, rep.Incremental.Retried)
	}
	converted = append(converted, "throttled", "cut-always")
	checkLake(t, lake, good, converted)
	opt.Incremental = &Incremental{Now: clockAt(0)}
	if rep, err = Convert(ctx, opt); err != nil || rep.Objects != 0 || len(rep.Problems) != 0 {
		t.Errorf("third run: %v, %d objects, problems %v; want nothing to do", err, rep.Objects, rep.Problems)
	}
	checkLake(t, lake, good, converted)
}

// checkLines: one line per object of lines, each naming its object by its
// full URI (dir + the object's name) and saying what wantFor says.
func checkLines(t *testing.T, what string, lines []Problem, dirURI string, wantFor func(name string) (msg string, retry, ok bool)) {
	t.Helper()
	seen := map[string]int{}
	prefix := strings.TrimSuffix(dirURI, ".json.gz")
	for _, p := range lines {
		name, ok := strings.CutPrefix(p.Object, prefix)
		name = strings.TrimSuffix(name, ".json.gz")
		if !ok || !strings.HasPrefix(p.Object, "s3://") {
			t.Errorf("%s does not name its object by s3:// URI: %+v", what, p)
			continue
		}
		seen[name]++
		msg, retry, ok := wantFor(name)
		switch {
		case !ok:
			t.Errorf("unexpected %s: %s: %s", what, p.Object, p.Error)
		case !strings.Contains(p.Error, msg) || p.Retry != retry:
			t.Errorf("%s %s: %q (retry %v), want it to say %q (retry %v)", what, name, p.Error, p.Retry, msg, retry)
		}
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%d %s lines for %s, want 1", n, what, name)
		}
	}
}

// checkLake: the lake holds exactly the events of good and of the objects
// named converted (two each, tag-a and tag-b), each once.
func checkLake(t *testing.T, lake objstore.Store, good map[string][]byte, converted []string) {
	t.Helper()
	got := lakeEventIDs(t, lake)
	want := map[string]bool{}
	for _, c := range converted {
		want[c+"-a"], want[c+"-b"] = true, true
	}
	n := 0
	for id, c := range got {
		if c != 1 {
			t.Errorf("event %s is in the lake %d times", id, c)
		}
		if strings.HasPrefix(id, "good-") {
			n++
			continue
		}
		if !want[id] {
			t.Errorf("event %s should not be in the lake", id)
		}
	}
	for id := range want {
		if got[id] == 0 {
			t.Errorf("event %s is missing from the lake", id)
		}
	}
	if n != 2*len(good) {
		t.Errorf("%d events of the good objects in the lake, want %d", n, 2*len(good))
	}
}

// TestS3LargeObjectStreamed: an object above BufferedObjectBytes is
// streamed, not buffered; when its body breaks off, the events read
// before the break are kept and reported (bad for good: not retried), and
// an unbroken one is converted whole.
func TestS3LargeObjectStreamed(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	src, lake := srv.Store(t, "trail/"), srv.Store(t, "lake/")
	const dir = "AWSLogs/111122223300/CloudTrail/us-east-1/2026/03/01/"
	big := func(tag string) ([]byte, int) {
		var b bytes.Buffer
		n := 0
		for b.Len() <= BufferedObjectBytes+100_000 {
			b.WriteString(ev(fmt.Sprintf("%s-%d", tag, n), "2026-03-01T10:00:00Z", "us-east-1", "111122223300") + "\n")
			n++
		}
		return b.Bytes(), n
	}
	whole, nWhole := big("whole")
	cut, nCut := big("cut")
	put(t, src, map[string][]byte{dir + "whole.json": whole, dir + "cut.json": cut})
	srv.AddFilter(s3test.CutBody(srv, "trail/"+dir+"cut.json", 5<<20, -1))
	rep, err := Convert(ctx, Options{From: src, To: lake, TempDir: t.TempDir(), Incremental: &Incremental{Now: clockAt(0)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Error, "which were kept") || rep.Problems[0].Retry ||
		rep.Problems[0].Object != src.URI(dir+"cut.json") {
		t.Fatalf("problems %+v: want one line for cut.json, events kept, not retried", rep.Problems)
	}
	if gets := rep.Requests.Source.Get; gets != 2 {
		t.Errorf("%d GETs, want 2 (a streamed object is not fetched again)", gets)
	}
	ids := lakeEventIDs(t, lake)
	kept := 0
	for id, c := range ids {
		if c != 1 {
			t.Errorf("event %s is in the lake %d times", id, c)
		}
		if strings.HasPrefix(id, "cut-") {
			kept++
		}
	}
	if len(ids)-kept != nWhole || kept == 0 || kept >= nCut {
		t.Errorf("lake holds %d events of the whole object (want %d) and %d of the cut one (want some of %d)",
			len(ids)-kept, nWhole, kept, nCut)
	}
}
