package serve_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/trailhouse/trailhouse/query/result"
	"github.com/trailhouse/trailhouse/serve"
)

type httpReply struct {
	code int
	hdr  http.Header
	body []byte
}

func post(t *testing.T, url, contentType, body string, hdr map[string]string) httpReply {
	t.Helper()
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return httpReply{resp.StatusCode, resp.Header, b}
}

// cliOutput is what `trailhouse query --format F` writes for sql.
func cliOutput(t *testing.T, format, sql string) []byte {
	t.Helper()
	rows, err := refEng.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var buf bytes.Buffer
	if _, err := result.Write(context.Background(), &buf, format, rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const orderedSQL = `SELECT eventsource, eventname, count(*) AS n, min(eventtime) AS first, avg(length(eventid)) AS l,
  array_agg(eventid ORDER BY eventid) AS ids
FROM cloudtrail_logs WHERE eventname LIKE 'C%' GROUP BY 1, 2 ORDER BY n DESC, eventsource, eventname`

func TestHTTPFormats(t *testing.T) {
	s := start(t, nil, serve.Config{})
	url := "http://" + s.HTTPAddr() + "/v1/query"
	// The text formats are byte for byte the CLI's.
	for _, f := range []string{"json", "csv", "ndjson"} {
		r := post(t, url+"?format="+f, "text/plain", orderedSQL, nil)
		if r.code != 200 {
			t.Fatalf("%s: %d %s", f, r.code, r.body)
		}
		if ct := r.hdr.Get("Content-Type"); ct != serve.HTTPFormats[f] {
			t.Errorf("%s: Content-Type %q", f, ct)
		}
		if r.hdr.Get("X-Trailhouse-Ordered") != "true" {
			t.Errorf("%s: no X-Trailhouse-Ordered for an ORDER BY query", f)
		}
		if want := cliOutput(t, f, orderedSQL); !bytes.Equal(r.body, want) {
			t.Errorf("%s: body differs from the CLI's output:\n%.300s\nwant\n%.300s", f, r.body, want)
		}
	}
	want := reference(t, orderedSQL)
	// The body parses in its format, with the reference's values.
	r := post(t, url, "application/json", `{"sql": `+jsonString(orderedSQL)+`}`, map[string]string{"Accept": "text/csv"})
	recs, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil || r.code != 200 {
		t.Fatalf("csv by Accept, JSON body: %d %v", r.code, err)
	}
	if len(recs) != len(want.rows)+1 || strings.Join(recs[0], ",") != strings.Join(want.cols, ",") {
		t.Errorf("csv: %d records, header %v; want %d rows of %v", len(recs), recs[0], len(want.rows), want.cols)
	}
	r = post(t, url, "text/plain", orderedSQL, nil) // JSON by default
	var objs []map[string]any
	if err := json.Unmarshal(r.body, &objs); err != nil {
		t.Fatalf("json: %v", err)
	}
	if len(objs) != len(want.rows) || objs[0]["eventsource"] != want.rows[0][0] {
		t.Errorf("json: %d rows, first %v; want %d, first %v", len(objs), objs[0], len(want.rows), want.rows[0])
	}

	// Arrow and Parquet decode to the reference's values, type for type.
	r = post(t, url, "text/plain", orderedSQL, map[string]string{"Accept": "application/vnd.apache.arrow.stream"})
	if r.code != 200 {
		t.Fatalf("arrow: %d %s", r.code, r.body)
	}
	rd, err := ipc.NewReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	var bs []arrow.RecordBatch
	for rd.Next() {
		b := rd.RecordBatch()
		b.Retain()
		bs = append(bs, b)
	}
	if d := compare(want, fromBatches(rd.Schema(), bs, true)); d != "" {
		t.Errorf("arrow: %s", d)
	}
	release(bs)
	rd.Release()

	r = post(t, url+"?format=parquet", "text/plain", orderedSQL, nil)
	if r.code != 200 {
		t.Fatalf("parquet: %d %s", r.code, r.body)
	}
	pf, err := file.NewParquetReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tr := array.NewTableReader(tbl, 0)
	bs = nil
	for tr.Next() {
		b := tr.RecordBatch()
		b.Retain()
		bs = append(bs, b)
	}
	if d := compare(want, fromBatches(tr.Schema(), bs, true)); d != "" {
		t.Errorf("parquet: %s", d)
	}
	release(bs)
	tr.Release()
	tbl.Release()

	// An empty answer is still a whole document.
	r = post(t, url, "text/plain", "SELECT eventname FROM cloudtrail_logs WHERE eventname = 'NoSuchEvent'", nil)
	if r.code != 200 || strings.TrimSpace(string(r.body)) != "[\n]" {
		t.Errorf("empty json answer: %d %q", r.code, r.body)
	}

	// /healthz
	resp, err := http.Get("http://" + s.HTTPAddr() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]any
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if resp.StatusCode != 200 || h["status"] != "ok" {
		t.Errorf("healthz: %d %v", resp.StatusCode, h)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// apiErr decodes an error body.
func apiErr(t *testing.T, r httpReply) (msg string, line, col int) {
	t.Helper()
	var e struct {
		Error        string
		Line, Column int
	}
	if err := json.Unmarshal(r.body, &e); err != nil || e.Error == "" {
		t.Fatalf("error body %q is not {\"error\": ...}: %v", r.body, err)
	}
	return e.Error, e.Line, e.Column
}

func wantStatus(t *testing.T, what string, r httpReply, code int, text string) {
	t.Helper()
	if r.code != code {
		t.Errorf("%s: status %d (%s), want %d", what, r.code, r.body, code)
		return
	}
	if msg, _, _ := apiErr(t, r); !strings.Contains(msg, text) {
		t.Errorf("%s: error %q does not hold %q", what, msg, text)
	}
}

func httpHealthy(t *testing.T, url string, hdr map[string]string) {
	t.Helper()
	r := post(t, url, "text/plain", "SELECT count(*) AS n FROM cloudtrail_logs", hdr)
	want := fmt.Sprintf("[\n{\"n\":%s}\n]\n", reference(t, "SELECT count(*) AS n FROM cloudtrail_logs").rows[0][0])
	if r.code != 200 || string(r.body) != want {
		t.Fatalf("the server no longer answers: %d %q, want %q", r.code, r.body, want)
	}
}

func TestHTTPErrors(t *testing.T) {
	s := start(t, nil, serve.Config{MaxSQLBytes: 200})
	url := "http://" + s.HTTPAddr() + "/v1/query"

	r := post(t, url, "text/plain", "SELECT eventname\nFROM cloudtrail_logs\nWHERE eventnme = 'x'", nil)
	wantStatus(t, "unknown column", r, 400, "^")
	if _, line, col := apiErr(t, r); line != 3 || col != 7 {
		t.Errorf("unknown column at line %d column %d, want 3:7", line, col)
	}
	wantStatus(t, "parse error", post(t, url, "text/plain", "SELECT FROM WHERE", nil), 400, "line 1:")
	wantStatus(t, "no statement", post(t, url, "text/plain", "  ", nil), 400, "no statement")
	wantStatus(t, "bad JSON body", post(t, url, "application/json", `{"query": "SELECT 1"}`, nil), 400, `{"sql"`)
	wantStatus(t, "unknown format", post(t, url+"?format=xml", "text/plain", "SELECT 1", nil), 400, "unknown output format")
	wantStatus(t, "statement too long", post(t, url, "text/plain", "SELECT '"+strings.Repeat("x", 300)+"'", nil), 413, "limit of 200")
	wantStatus(t, "body too long", post(t, url, "text/plain", strings.Repeat("x", 10000), nil), 413, "limit of 200")
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("GET /v1/query: %d, want 405", resp.StatusCode)
	}
	httpHealthy(t, url, nil)
}

func TestHTTPAuth(t *testing.T) {
	auth, err := serve.AuthFromTokens("tok-one, tok-two", "TRAILHOUSE_TOKENS")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, nil, serve.Config{Auth: auth})
	url := "http://" + s.HTTPAddr() + "/v1/query"
	r := post(t, url, "text/plain", "SELECT 1", nil)
	wantStatus(t, "no token", r, 401, "no credentials")
	if r.hdr.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	wantStatus(t, "wrong token", post(t, url, "text/plain", "SELECT 1", map[string]string{"Authorization": "Bearer tok-three"}), 401, "invalid token")
	wantStatus(t, "basic for a token", post(t, url, "text/plain", "SELECT 1", map[string]string{"Authorization": "Basic dG9rLW9uZTp4"}), 401, "invalid user")
	httpHealthy(t, url, map[string]string{"Authorization": "Bearer tok-two"})
	// /healthz needs no credentials
	resp, err := http.Get("http://" + s.HTTPAddr() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz with auth: %d", resp.StatusCode)
	}
}

func TestHTTPLimits(t *testing.T) {
	small := start(t, openEngine(1<<20), serve.Config{})
	url := "http://" + small.HTTPAddr() + "/v1/query"
	wantStatus(t, "over the memory limit", post(t, url, "text/plain", "SELECT * FROM cloudtrail_logs ORDER BY eventtime", nil), 413, "memory limit")
	httpHealthy(t, url, nil)

	slow := start(t, nil, serve.Config{QueryTimeout: 100 * time.Millisecond})
	url = "http://" + slow.HTTPAddr() + "/v1/query"
	wantStatus(t, "over the time limit", post(t, url, "text/plain", slowSQL, nil), 408, "time limit of 100ms")
	waitIdle(t, slow)

	one := start(t, nil, serve.Config{MaxConcurrent: 1, QueueWait: 50 * time.Millisecond})
	url = "http://" + one.HTTPAddr() + "/v1/query"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(slowSQL))
		if resp, err := http.DefaultClient.Do(req); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	for one.Running() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	r := post(t, url, "text/plain", "SELECT 1", nil)
	wantStatus(t, "over the concurrency cap", r, 429, "at once")
	if r.hdr.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	cancel()
	<-done
	waitIdle(t, one)
	httpHealthy(t, url, nil)
}
