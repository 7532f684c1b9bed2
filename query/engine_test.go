package query_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/pipeline"
	"github.com/trailhouse/trailhouse/internal/s3test"
	"github.com/trailhouse/trailhouse/internal/synth"
	"github.com/trailhouse/trailhouse/query"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/pq"
	"github.com/trailhouse/trailhouse/query/result"
)

var (
	testLakeOnce sync.Once
	testLakeDir  string
	testLakeErr  error
)

// testLake is a small generated lake shared by the tests of this file:
// 3 accounts x 3 regions x 3 days from 2026-01-01.
func testLake(t *testing.T) string {
	t.Helper()
	testLakeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "trailhouse-query-test-")
		if err != nil {
			testLakeErr = err
			return
		}
		testLakeDir = filepath.Join(dir, "lake")
		ctx := context.Background()
		logs := filepath.Join(dir, "logs")
		if _, err := synth.Generate(ctx, synth.Config{Accounts: 3, Regions: 3, Days: 3, Events: 20000, Seed: 5}, logs, nil); err != nil {
			testLakeErr = err
			return
		}
		src, _ := objstore.NewDir(logs)
		dst, err := objstore.NewDir(testLakeDir)
		if err != nil {
			testLakeErr = err
			return
		}
		_, testLakeErr = pipeline.Convert(ctx, pipeline.Options{From: src, To: dst, TempDir: dir})
	})
	if testLakeErr != nil {
		t.Fatal(testLakeErr)
	}
	return testLakeDir
}

// raceDetector is set when the tests run with -race.
var raceDetector bool

func TestMain(m *testing.M) {
	code := m.Run()
	if testLakeDir != "" {
		os.RemoveAll(filepath.Dir(testLakeDir))
	}
	os.Exit(code)
}

func openEngine(t *testing.T, store objstore.Store, opt query.Options) *query.Engine {
	t.Helper()
	if opt.Now == nil {
		opt.Now = func() time.Time { return time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC) }
	}
	e, err := query.Open(context.Background(), store, opt)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func dirEngine(t *testing.T, opt query.Options) *query.Engine {
	store, err := objstore.NewDir(testLake(t))
	if err != nil {
		t.Fatal(err)
	}
	return openEngine(t, store, opt)
}

// run returns the statement's rows as text (result.Text per value), and
// its stats.
func run(t *testing.T, e *query.Engine, sql string) ([][]string, query.Stats) {
	t.Helper()
	rows, err := e.Query(context.Background(), sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	batches, err := query.Collect(context.Background(), rows)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	var out [][]string
	for _, b := range batches {
		for r := 0; r < int(b.NumRows()); r++ {
			row := make([]string, b.NumCols())
			for c := range row {
				row[c], _ = result.Text(b.Column(c), r)
			}
			out = append(out, row)
		}
		b.Release()
	}
	return out, rows.Stats()
}

func TestAthenaQueryVerbatim(t *testing.T) {
	e := dirEngine(t, query.Options{})
	rows, _ := run(t, e, "SELECT useridentity.arn, eventname, sourceipaddress, eventtime FROM cloudtrail_logs LIMIT 100;")
	if len(rows) != 100 {
		t.Fatalf("%d rows, want 100", len(rows))
	}
	for _, r := range rows {
		if r[1] == "NULL" || !strings.HasSuffix(r[3], " UTC") {
			t.Fatalf("unexpected row %q", r)
		}
	}
}

func TestErrorsPointAtTheText(t *testing.T) {
	e := dirEngine(t, query.Options{})
	cases := []struct{ sql, want string }{
		{"SELECT eventnam FROM cloudtrail_logs", "line 1:8: column eventnam cannot be resolved (did you mean eventname"},
		{"SELECT useridentity.arnn FROM cloudtrail_logs", "line 1:8: useridentity has no field arnn (did you mean arn?)"},
		{"SELECT json_extract_scalr(requestparameters, '$.x') FROM cloudtrail_logs", "function json_extract_scalr does not exist (did you mean json_extract_scalar"},
		{"SELECT 1 FROM cloudtrail_log", "table cloudtrail_log does not exist (did you mean cloudtrail_logs"},
		{"SELECT eventname FROM cloudtrail_logs WHERE count(*) > 1", "WHERE cannot contain aggregate functions"},
		{"SELECT eventname, count(*) FROM cloudtrail_logs", "column eventname must be in GROUP BY"},
		{"SELECT eventname FROM cloudtrail_logs WHERE eventname = 1", "cannot compare varchar with bigint"},
		{"SELECT FROM cloudtrail_logs", "line 1:8"},
		{"SELECT eventname FROM cloudtrail_logs ORDER BY 3", "ORDER BY position 3 is not in the select list"},
		{"SELECT eventname, grouping(eventsource) FROM cloudtrail_logs GROUP BY ROLLUP (eventname)", "grouping() argument eventsource is not a GROUP BY expression"},
		{"SELECT grouping(eventname) FROM cloudtrail_logs", "grouping() is allowed only with GROUP BY"},
		{"SELECT rank() OVER w FROM cloudtrail_logs", "window w is not defined in the WINDOW clause"},
		{"SELECT eventname FROM cloudtrail_logs FETCH FIRST 3 ROWS WITH TIES", "FETCH FIRST ... WITH TIES needs an ORDER BY"},
		{"SELECT count(*) FROM cloudtrail_logs WHERE try_cast(sourceipaddress AS IPADDRESS) BETWEEN IPADDRESS '3.0.0.0' AND IPADDRESS '18.0.0.0'", "do not order as addresses"},
		{"SELECT count(*) OVER (ORDER BY eventtime, eventid RANGE INTERVAL '1' HOUR PRECEDING) FROM cloudtrail_logs", "needs exactly one ORDER BY key"},
		{"SELECT count(*) OVER (ORDER BY eventtime RANGE 5 PRECEDING) FROM cloudtrail_logs", "does not fit an ORDER BY key of type timestamp"},
		{"SELECT (SELECT max(l.eventtime) FROM cloudtrail_logs l WHERE l.eventid = c.eventid AND l.eventtime < c.eventtime) FROM cloudtrail_logs c", "only by equalities"},
		{"SELECT (SELECT max(l.eventtime) FROM cloudtrail_logs l WHERE l.eventid = c.eventid GROUP BY l.eventname) FROM cloudtrail_logs c", "with no GROUP BY"},
		{"SELECT eventname FROM cloudtrail_logs c GROUP BY eventname HAVING EXISTS (SELECT 1 FROM cloudtrail_logs l WHERE l.eventid = c.eventid)", "not a GROUP BY expression"},
		{"SELECT count(*) FROM cloudtrail_logs c JOIN cloudtrail_logs d ON EXISTS (SELECT 1 FROM cloudtrail_logs l WHERE l.eventid = c.eventid) AND c.eventid = d.eventid", "supported only in WHERE, HAVING and the select list"},
		{"SELECT count(*) FROM cloudtrail_logs c WHERE c.eventtime > ALL (SELECT l.eventtime FROM cloudtrail_logs l WHERE l.eventid = c.eventid)", "only EXISTS, IN and scalar subqueries can refer to the outer query"},
		{"SELECT count(*) FROM cloudtrail_logs c WHERE c.eventname IN (SELECT max(l.eventname) FROM cloudtrail_logs l WHERE l.eventid = c.eventid)", "correlated IN subquery is not supported: it aggregates"},
		{"SELECT rank() OVER (w PARTITION BY eventname) FROM cloudtrail_logs WINDOW w AS (ORDER BY eventtime)", "cannot have its own PARTITION BY"},
		{"SELECT eventname, eventsource, count(*) FROM cloudtrail_logs GROUP BY ROLLUP (eventname)", "column eventsource must be in GROUP BY"},
	}
	for _, c := range cases {
		_, err := e.Query(context.Background(), c.sql)
		var pe *parse.Error
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, want a *parse.Error", c.sql, err)
			continue
		}
		if !strings.Contains(pe.Error(), c.want) {
			t.Errorf("%s:\n got  %s\n want %s", c.sql, pe.Error(), c.want)
		}
		if !strings.Contains(pe.Pretty(), "^") {
			t.Errorf("%s: Pretty has no caret:\n%s", c.sql, pe.Pretty())
		}
	}
}

func TestPruning(t *testing.T) {
	e := dirEngine(t, query.Options{})
	all, st := run(t, e, "SELECT count(*) FROM cloudtrail_logs")
	total := all[0][0]
	if st.Partitions != st.PartitionsTotal || st.PartitionsTotal < 27 {
		t.Fatalf("full count read %d of %d partitions", st.Partitions, st.PartitionsTotal)
	}
	t.Logf("events: %s", total)

	accts, _ := run(t, e, "SELECT DISTINCT account FROM cloudtrail_logs ORDER BY 1")
	acct := accts[0][0]
	// One account and one day: partitions of that account and day only.
	rows, st := run(t, e, "SELECT count(*) FROM cloudtrail_logs WHERE account = '"+acct+"' AND date = '2026-01-02'")
	if st.Partitions == 0 || st.Partitions > 3 {
		t.Errorf("one account-day read %d partitions, want 1..3 (its regions)", st.Partitions)
	}
	want, _ := run(t, e, "SELECT count_if(account = '"+acct+"' AND date = '2026-01-02') FROM cloudtrail_logs")
	if rows[0][0] != want[0][0] {
		t.Errorf("pruned count %s, unpruned %s", rows[0][0], want[0][0])
	}
	// eventtime alone prunes dates.
	rows, st = run(t, e, "SELECT count(*) FROM cloudtrail_logs WHERE eventtime >= from_iso8601_timestamp('2026-01-02T00:00:00Z') AND eventtime < TIMESTAMP '2026-01-03 00:00:00'")
	if st.Partitions*3 > st.PartitionsTotal+3 {
		t.Errorf("eventtime range over one day read %d of %d partitions", st.Partitions, st.PartitionsTotal)
	}
	want, _ = run(t, e, "SELECT count(*) FROM cloudtrail_logs WHERE date = '2026-01-02'")
	if rows[0][0] != want[0][0] {
		t.Errorf("eventtime day count %s, date partition count %s", rows[0][0], want[0][0])
	}
	// A point lookup by eventid reads few row groups (bloom filters and
	// min/max) and few bytes.
	ids, _ := run(t, e, "SELECT eventid, useridentity.accesskeyid FROM cloudtrail_logs WHERE useridentity.accesskeyid IS NOT NULL AND date = '2026-01-03' LIMIT 1")
	rows, st = run(t, e, "SELECT eventid FROM cloudtrail_logs WHERE eventid = '"+ids[0][0]+"'")
	if len(rows) != 1 || rows[0][0] != ids[0][0] {
		t.Fatalf("eventid lookup: %v", rows)
	}
	if st.RowGroups*4 > st.RowGroupsTotal || st.Bytes*20 > st.BytesTotal {
		t.Errorf("eventid lookup read %d of %d row groups, %d of %d bytes", st.RowGroups, st.RowGroupsTotal, st.Bytes, st.BytesTotal)
	}
	rows, st = run(t, e, "SELECT count(*) FROM cloudtrail_logs WHERE useridentity.accesskeyid = '"+ids[0][1]+"'")
	want, _ = run(t, e, "SELECT count_if(useridentity_accesskeyid = '"+ids[0][1]+"') FROM cloudtrail_logs")
	if rows[0][0] != want[0][0] {
		t.Errorf("access key count %s, unpruned %s", rows[0][0], want[0][0])
	}
	if st.RowGroups >= st.RowGroupsTotal {
		t.Errorf("access key lookup read every row group (%d)", st.RowGroups)
	}
}

func TestExplain(t *testing.T) {
	e := dirEngine(t, query.Options{})
	rows, _ := run(t, e, "EXPLAIN SELECT eventname, count(*) FROM cloudtrail_logs WHERE date = '2026-01-01' GROUP BY 1")
	text := joinRows(rows)
	for _, want := range []string{"Aggregate", "Scan cloudtrail_logs", "will read: partitions", "of 27"} {
		if !strings.Contains(text, want) {
			t.Errorf("EXPLAIN lacks %q:\n%s", want, text)
		}
	}
	rows, _ = run(t, e, "EXPLAIN ANALYZE SELECT eventname, count(*) FROM cloudtrail_logs WHERE date = '2026-01-01' GROUP BY 1")
	text = joinRows(rows)
	for _, want := range []string{"actual: rows", "read: partitions 9 of 27", "bytes:", "elapsed"} {
		if !strings.Contains(text, want) {
			t.Errorf("EXPLAIN ANALYZE lacks %q:\n%s", want, text)
		}
	}
}

func joinRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

func TestMemoryLimit(t *testing.T) {
	e := dirEngine(t, query.Options{MaxMemory: 256 << 10})
	rows, err := e.Query(context.Background(), "SELECT eventid, count(*) FROM cloudtrail_logs GROUP BY eventid")
	if err == nil {
		_, err = query.Collect(context.Background(), rows)
	}
	if !errors.Is(err, query.ErrMemoryLimit) {
		t.Fatalf("got %v, want ErrMemoryLimit", err)
	}
	// The same engine still answers small queries.
	got, _ := run(t, e, "SELECT count(*) FROM cloudtrail_logs WHERE date = '2026-01-01'")
	if got[0][0] == "0" {
		t.Fatal("no rows after the refused query")
	}
}

func TestCancelStopsWork(t *testing.T) {
	e := dirEngine(t, query.Options{Parallelism: 2})
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	rows, err := e.Query(ctx, "SELECT eventname, useragent FROM cloudtrail_logs")
	if err != nil {
		t.Fatal(err)
	}
	b, err := rows.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	cancel()
	for {
		b, err := rows.Next(ctx)
		if err != nil {
			if errors.Is(err, io.EOF) {
				t.Fatal("ran to the end after cancel")
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want context.Canceled", err)
			}
			break
		}
		b.Release()
	}
	rows.Close()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after cancel, %d before", n, before)
	}
}

// TestS3Lake reads the same lake through the S3 protocol: same answers,
// and a point lookup fetches ranges, not whole files.
func TestS3Lake(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	lakeDir := testLake(t)
	s3, err := objstore.NewS3(ctx, srv.Options("lake/"))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.Walk(lakeDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(lakeDir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := s3.Create(ctx, filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		w.Write(b)
		return w.Commit()
	})
	if err != nil {
		t.Fatal(err)
	}
	local := dirEngine(t, query.Options{})
	remote := openEngine(t, s3, query.Options{})
	for _, q := range []string{
		"SELECT eventname, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY n DESC, 1",
		"SELECT account, region, date, count(*) FROM cloudtrail_logs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
		"SELECT r.type, count(*) FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS t(r) GROUP BY 1 ORDER BY 1",
	} {
		a, _ := run(t, local, q)
		b, _ := run(t, remote, q)
		if joinRows(a) != joinRows(b) {
			t.Errorf("%s: local and S3 lakes differ", q)
		}
	}
	ids, _ := run(t, local, "SELECT eventid FROM cloudtrail_logs WHERE date = '2026-01-02' LIMIT 1")
	before := s3.Stats()
	rows, st := run(t, remote, "SELECT eventname FROM cloudtrail_logs WHERE eventid = '"+ids[0][0]+"'")
	if len(rows) != 1 {
		t.Fatalf("lookup over S3: %v", rows)
	}
	read := s3.Stats().Sub(before).BytesRead
	// Every file's tail is fetched in one request (footer, bloom filters
	// and, in files this small, most columns); beyond the tails, at most
	// the one row group that may hold the ID is read.
	var lakeBytes, tails, largest int64
	filepath.Walk(lakeDir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".parquet") {
			lakeBytes += info.Size()
			tails += min(info.Size(), pq.TailSize)
			largest = max(largest, info.Size())
		}
		return nil
	})
	if st.RowGroups != 1 {
		t.Errorf("point lookup over S3 read %d row groups, want 1 (bloom filters)", st.RowGroups)
	}
	if read > tails+largest {
		t.Errorf("point lookup over S3 read %d bytes: more than the files' tails (%d) and one file (%d)", read, tails, largest)
	}
	t.Logf("point lookup over S3: %d bytes of %d (%d row groups of %d)", read, lakeBytes, st.RowGroups, st.RowGroupsTotal)
}

func TestDescribeAndShow(t *testing.T) {
	e := dirEngine(t, query.Options{})
	rows, _ := run(t, e, "DESCRIBE cloudtrail")
	names := map[string]string{}
	for _, r := range rows {
		names[r[0]] = r[1]
	}
	for col, typ := range map[string]string{"eventtime": "timestamp(3)", "account": "varchar", "readonly": "boolean",
		"resources_arn": "array(varchar)", "useridentity": "row(", "resources": "array(row(arn varchar"} {
		if !strings.HasPrefix(names[col], typ) {
			t.Errorf("DESCRIBE: %s is %q, want %s…", col, names[col], typ)
		}
	}
	rows, _ = run(t, e, "SHOW TABLES")
	if len(rows) == 0 || rows[0][0] != "cloudtrail_logs" {
		t.Errorf("SHOW TABLES: %v", rows)
	}
	rows, _ = run(t, e, "SHOW PARTITIONS cloudtrail_logs")
	if len(rows) != 27 {
		t.Errorf("SHOW PARTITIONS: %d rows, want 27", len(rows))
	}
}

func TestResultFormats(t *testing.T) {
	e := dirEngine(t, query.Options{})
	q := "SELECT eventname, count(*) AS n, min(eventtime) AS first, array_agg(DISTINCT region) AS regions FROM cloudtrail_logs WHERE eventname IN ('AssumeRole', 'GetObject') GROUP BY 1 ORDER BY 1"
	for _, f := range result.Formats {
		rows, err := e.Query(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		n, err := result.Write(context.Background(), &sb, f, rows)
		rows.Close()
		if err != nil || n != 2 {
			t.Errorf("%s: %d rows, %v", f, n, err)
		}
		switch f {
		case "csv":
			if !strings.HasPrefix(sb.String(), "eventname,n,first,regions\nAssumeRole,") {
				t.Errorf("csv: %.80q", sb.String())
			}
		case "ndjson":
			if lines := strings.Count(sb.String(), "\n"); lines != 2 || !strings.Contains(sb.String(), `"first":"2026-01-0`) {
				t.Errorf("ndjson: %q", sb.String())
			}
		case "table":
			if !strings.Contains(sb.String(), "(2 rows)") {
				t.Errorf("table: %q", sb.String())
			}
		}
	}
}

// TestParallelAggregation: partial aggregations merged across workers give
// the answers of one worker.
func TestParallelAggregation(t *testing.T) {
	one := dirEngine(t, query.Options{Parallelism: 1})
	many := dirEngine(t, query.Options{Parallelism: 4})
	for _, q := range []string{
		"SELECT errorcode, count(*), count(errorcode), min(eventname), max(eventtime), sum(cardinality(resources_arn)), avg(length(useragent)) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1 NULLS FIRST",
		"SELECT useridentity.type, region, approx_distinct(sourceipaddress), count_if(readonly), bool_or(readonly), round(stddev(length(eventname)), 6) FROM cloudtrail_logs GROUP BY 1, 2 ORDER BY 1, 2",
		"SELECT eventsource, max_by(eventname, eventtime), min_by(eventid, eventtime), cardinality(array_agg(eventid)) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1",
		"SELECT count(*), count(DISTINCT eventname), min(date), max(date) FROM cloudtrail_logs",
		"SELECT date, count(*) FROM cloudtrail_logs WHERE eventname = 'no such event' GROUP BY 1",
	} {
		a, _ := run(t, one, q)
		b, _ := run(t, many, q)
		if joinRows(a) != joinRows(b) {
			t.Errorf("%s:\none worker:\n%s\nfour workers:\n%s", q, joinRows(a), joinRows(b))
		}
	}
}

// TestDictionaryPaths: answers computed on dictionary codes (group keys,
// DISTINCT, functions evaluated once per dictionary entry) equal the
// per-row answers, on row groups larger than a batch so that batches
// share dictionaries. plain(x) hides x's codes behind a CASE.
func TestDictionaryPaths(t *testing.T) {
	if raceDetector {
		t.Skip("two lakes of 60,000 events: too slow under -race; make test-unit runs it without")
	}
	dir := t.TempDir()
	ctx := context.Background()
	logs := filepath.Join(dir, "logs")
	if _, err := synth.Generate(ctx, synth.Config{Accounts: 1, Regions: 1, Days: 2, Events: 60000, Seed: 11}, logs, nil); err != nil {
		t.Fatal(err)
	}
	src, _ := objstore.NewDir(logs)
	dst, err := objstore.NewDir(filepath.Join(dir, "lake"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Convert(ctx, pipeline.Options{From: src, To: dst, TempDir: dir}); err != nil {
		t.Fatal(err)
	}
	e := openEngine(t, dst, query.Options{Parallelism: 2})
	plain := func(x string) string { return "CASE WHEN eventid <> '' THEN " + x + " END" }
	// A top-N over eventtime skips the row groups its bound rules out and
	// gives what a full sort gives. One worker reads the days in order, at
	// most a few batches ahead of the sort, so the last days are skipped.
	logs8 := filepath.Join(dir, "logs8")
	if _, err := synth.Generate(ctx, synth.Config{Accounts: 1, Regions: 1, Days: 8, Events: 60000, Seed: 12}, logs8, nil); err != nil {
		t.Fatal(err)
	}
	src8, _ := objstore.NewDir(logs8)
	dst8, err := objstore.NewDir(filepath.Join(dir, "lake8"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Convert(ctx, pipeline.Options{From: src8, To: dst8, TempDir: dir}); err != nil {
		t.Fatal(err)
	}
	e8 := openEngine(t, dst8, query.Options{Parallelism: 1})
	for _, dir := range []string{"", " DESC"} {
		q := "SELECT eventtime, eventid, eventname FROM cloudtrail_logs ORDER BY eventtime" + dir + ", eventid LIMIT 25"
		a, st := run(t, e8, q)
		b, full := run(t, e8, "SELECT eventtime, eventid, eventname FROM cloudtrail_logs ORDER BY "+plain("eventtime")+dir+", eventid LIMIT 25")
		if len(a) != 25 || joinRows(a) != joinRows(b) {
			t.Errorf("%s:\n%s\nfull sort:\n%s", q, joinRows(a), joinRows(b))
		}
		t.Logf("%s: %d row groups, %d rows; full sort %d, %d", q, st.RowGroups, st.Rows, full.RowGroups, full.Rows)
		if st.RowGroups >= full.RowGroups || st.Rows >= full.Rows {
			t.Errorf("%s read %d row groups and %d rows, a full sort %d and %d", q, st.RowGroups, st.Rows, full.RowGroups, full.Rows)
		}
	}
	for _, q := range []struct{ coded, plain string }{
		{"SELECT eventsource, count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1",
			"SELECT " + plain("eventsource") + ", count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1"},
		{"SELECT errorcode, useridentity.type, count(*) FROM cloudtrail_logs GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST",
			"SELECT " + plain("errorcode") + ", " + plain("useridentity.type") + ", count(*) FROM cloudtrail_logs GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST"},
		{"SELECT account, region, date, eventtype, count(*) FROM cloudtrail_logs GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
			"SELECT " + plain("account") + ", " + plain("region") + ", " + plain("date") + ", " + plain("eventtype") + ", count(*) FROM cloudtrail_logs GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"},
		{"SELECT DISTINCT errorcode, eventsource FROM cloudtrail_logs ORDER BY 1 NULLS FIRST, 2",
			"SELECT DISTINCT " + plain("errorcode") + ", " + plain("eventsource") + " FROM cloudtrail_logs ORDER BY 1 NULLS FIRST, 2"},
		{"SELECT sum(length(useragent)), count(length(errorcode)), count_if(coalesce(errorcode, 'none') = 'none'), min(lower(eventname)), max(substr(eventname, 2, 3)), count(DISTINCT strpos(useragent, '/')), count(DISTINCT useragent), approx_distinct(sourceipaddress), count(errorcode), min(eventname), max(useragent), min(errorcode) FROM cloudtrail_logs",
			"SELECT sum(length(" + plain("useragent") + ")), count(length(" + plain("errorcode") + ")), count_if(coalesce(" + plain("errorcode") + ", 'none') = 'none'), min(lower(" + plain("eventname") + ")), max(substr(" + plain("eventname") + ", 2, 3)), count(DISTINCT strpos(" + plain("useragent") + ", '/')), count(DISTINCT " + plain("useragent") + "), approx_distinct(" + plain("sourceipaddress") + "), count(" + plain("errorcode") + "), min(" + plain("eventname") + "), max(" + plain("useragent") + "), min(" + plain("errorcode") + ") FROM cloudtrail_logs"},
		{"SELECT eventsource, count(DISTINCT sourceipaddress), approx_distinct(useragent) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1",
			"SELECT eventsource, count(DISTINCT " + plain("sourceipaddress") + "), approx_distinct(" + plain("useragent") + ") FROM cloudtrail_logs GROUP BY 1 ORDER BY 1"},
		{"SELECT lower(eventsource), count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1",
			"SELECT lower(" + plain("eventsource") + "), count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1"},
		{"SELECT useragent, count(*) FROM cloudtrail_logs WHERE eventname LIKE 'Get%' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
			"SELECT " + plain("useragent") + ", count(*) FROM cloudtrail_logs WHERE eventname LIKE 'Get%' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"},
		// The dictionary holds values no remaining row has: a cast that
		// fails on them must not fail the query.
		{"SELECT count(*) FROM cloudtrail_logs WHERE errorcode IS NULL AND CAST(errorcode AS bigint) IS NULL",
			"SELECT count(*) FROM cloudtrail_logs WHERE errorcode IS NULL"},
		{"SELECT count(*), count(CAST(errorcode AS bigint)) FROM cloudtrail_logs WHERE errorcode IS NULL",
			"SELECT count(*), count(CAST(" + plain("errorcode") + " AS bigint)) FROM cloudtrail_logs WHERE errorcode IS NULL"},
	} {
		a, _ := run(t, e, q.coded)
		b, _ := run(t, e, q.plain)
		if len(a) == 0 || joinRows(a) != joinRows(b) {
			t.Errorf("%s:\n%s\nper row (%s):\n%s", q.coded, joinRows(a), q.plain, joinRows(b))
		}
	}
}

// TestTableSample: TABLESAMPLE keeps each row with its percentage's chance:
// none at 0, all at 100, about half at 50 (well inside 40-60% for the
// lake's tens of thousands of rows), and a new draw for every row.
func TestTableSample(t *testing.T) {
	e := dirEngine(t, query.Options{})
	count := func(sql string) int {
		rows, _ := run(t, e, sql)
		n, err := strconv.Atoi(rows[0][0])
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return n
	}
	all := count("SELECT count(*) FROM cloudtrail_logs")
	if n := count("SELECT count(*) FROM cloudtrail_logs TABLESAMPLE BERNOULLI (0)"); n != 0 {
		t.Errorf("0%% sample: %d rows", n)
	}
	if n := count("SELECT count(*) FROM cloudtrail_logs AS c TABLESAMPLE SYSTEM (100)"); n != all {
		t.Errorf("100%% sample: %d rows, want %d", n, all)
	}
	if n := count("SELECT count(*) FROM cloudtrail_logs TABLESAMPLE BERNOULLI (50)"); n < all*2/5 || n > all*3/5 {
		t.Errorf("50%% sample: %d of %d rows", n, all)
	}
	if _, err := e.Query(context.Background(), "SELECT 1 FROM cloudtrail_logs TABLESAMPLE BERNOULLI (101)"); err == nil {
		t.Error("TABLESAMPLE BERNOULLI (101): no error")
	}
}
