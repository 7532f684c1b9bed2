//go:build duckdb

package ddl

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/pipeline"
	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/internal/synth"
)

// TestDuckDBViews loads the duckdb output over a generated lake and checks
// the views against the files read directly, and the macros against
// Trino's documented results.
func TestDuckDBViews(t *testing.T) {
	ctx := context.Background()
	work := t.TempDir()
	logs, lakeDir := filepath.Join(work, "logs"), filepath.Join(work, "lake")
	if _, err := synth.Generate(ctx, synth.Config{Accounts: 2, Regions: 2, Days: 2, Events: 8000, Seed: 3, Insights: true}, logs, nil); err != nil {
		t.Fatal(err)
	}
	src, _ := objstore.NewDir(logs)
	lake, _ := objstore.NewDir(lakeDir)
	if _, err := pipeline.Convert(ctx, pipeline.Options{From: src, To: lake, TempDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	script, err := Generate(DuckDB, Options{Location: lakeDir, Insights: true})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // SET TimeZone is per session
	if _, err := db.Exec(script); err != nil {
		t.Fatalf("the duckdb DDL does not run: %v", err)
	}
	scalar := func(q string) string {
		t.Helper()
		var v sql.NullString
		if err := db.QueryRow(q).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if !v.Valid {
			return "NULL"
		}
		return v.String
	}

	direct := func(table string) string {
		return fmt.Sprintf(`read_parquet('%s/%s/*/*/*/*.parquet', hive_partitioning = true,
			hive_types = {'account': VARCHAR, 'region': VARCHAR, 'date': VARCHAR})`, lakeDir, table)
	}
	for _, table := range []string{"cloudtrail_logs", "cloudtrail", "insights"} {
		file := table
		if table == "cloudtrail" {
			file = "cloudtrail_logs"
		}
		n, want := scalar("SELECT count(*) FROM "+table), scalar("SELECT count(*) FROM "+direct(file))
		if n != want || n == "0" {
			t.Errorf("%s: %s rows, the files hold %s", table, n, want)
		}
	}

	// Every flat column equals the file's, row by row (matched by eventid,
	// unique in generated lakes).
	var diffs []string
	for _, c := range record.All() {
		name := duckIdent(c.Name)
		q := fmt.Sprintf(`SELECT count(*) FROM cloudtrail_logs v JOIN %s f USING (eventid, account, region, "date")
			WHERE v.%s IS DISTINCT FROM f.%s`, direct("cloudtrail_logs"), name, name)
		if d := scalar(q); d != "0" {
			diffs = append(diffs, c.Name+": "+d)
		}
	}
	if len(diffs) > 0 {
		t.Errorf("flat columns differ from the files: %v", diffs)
	}

	// The nested shapes are the flat columns, put together.
	for _, check := range []string{
		`useridentity.arn IS DISTINCT FROM useridentity_arn`,
		`useridentity.sessioncontext.sessionissuer.arn IS DISTINCT FROM useridentity_sessioncontext_sessionissuer_arn`,
		`useridentity.sessioncontext.attributes.mfaauthenticated IS DISTINCT FROM useridentity_sessioncontext_attributes_mfaauthenticated`,
		`useridentity.onbehalfof.userid IS DISTINCT FROM useridentity_onbehalfof_userid`,
		`tlsdetails.tlsversion IS DISTINCT FROM tlsdetails_tlsversion`,
		`addendum.reason IS DISTINCT FROM addendum_reason`,
		`cardinality(resources) IS DISTINCT FROM len(resources_arn)`,
		`[r.arn FOR r IN resources] IS DISTINCT FROM resources_arn`,
		`[r.accountid FOR r IN resources] IS DISTINCT FROM resources_accountid`,
		`[r."type" FOR r IN resources] IS DISTINCT FROM resources_type`,
	} {
		if d := scalar("SELECT count(*) FROM cloudtrail_logs WHERE " + check); d != "0" {
			t.Errorf("%s on %s rows", check, d)
		}
	}
	if n := scalar(`SELECT count(*) FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS t(r) WHERE r.type = 'AWS::S3::Object'`); n == "0" {
		t.Error("UNNEST(resources) finds no S3 object")
	}
	if n := scalar(`SELECT count(*) FROM (SELECT useridentity.arn, eventname, sourceipaddress, eventtime FROM cloudtrail_logs LIMIT 100)`); n != "100" {
		t.Errorf("the issue's Athena query gives %s rows", n)
	}

	// The macros give Trino's answers (trino.io/docs/current/functions).
	for q, want := range map[string]string{
		`from_iso8601_timestamp('2026-01-02T03:04:05Z') = TIMESTAMPTZ '2026-01-02 03:04:05+00'`:               "true",
		`from_iso8601_timestamp(TIMESTAMPTZ '2026-01-02 03:04:05+00') = TIMESTAMPTZ '2026-01-02 03:04:05+00'`: "true",
		`to_iso8601(TIMESTAMPTZ '2026-01-02 03:04:05.123+00')`:                                                "2026-01-02T03:04:05.123Z",
		`to_unixtime(TIMESTAMPTZ '1970-01-01 00:00:01.5+00')`:                                                 "1.5",
		`from_unixtime(86400) = TIMESTAMPTZ '1970-01-02 00:00:00+00'`:                                         "true",
		`json_extract_scalar('{"a":{"b":[1,"x"]},"n":1.5,"t":true,"z":null}', '$.a.b[1]')`:                    "x",
		`json_extract_scalar('{"a":{"b":[1,"x"]}}', '$.a')`:                                                   "NULL",
		`json_extract_scalar('{"a":{"b":[1,"x"]}}', '$.a.b')`:                                                 "NULL",
		`json_extract_scalar('{"n":1.5}', '$.n')`:                                                             "1.5",
		`json_extract_scalar('{"t":true}', '$.t')`:                                                            "true",
		`json_extract_scalar('{"z":null}', '$.z')`:                                                            "NULL",
		`json_extract('{"a":{"b":[1,"x"]}}', '$.a.b')`:                                                        `[1,"x"]`,
		`json_array_length('[1,2,3]')`:                                                                        "3",
		`json_array_length('{"a":1}')`:                                                                        "NULL",
		`regexp_like('aws-cli/2.15', 'cli/2\.')`:                                                              "true",
		`regexp_extract('aws-cli/2.15', '[0-9]+')`:                                                            "2",
		`regexp_extract('aws-cli/2.15', '([a-z]+)-([a-z]+)', 2)`:                                              "cli",
		`regexp_extract('abc', 'z')`:                                                                          "NULL",
		`regexp_replace('a1b22c', '[0-9]')`:                                                                   "abc",
		`regexp_replace('aaa', 'a', 'b')`:                                                                     "bbb",
		`regexp_replace('role/admin/s', '^role/([^/]+)/.*$', 'R=$1')`:                                         "R=admin",
		`split_part('a/b/c', '/', 2)`:                                                                         "b",
		`split_part('a/b/c', '/', 4)`:                                                                         "NULL",
		`concat('a', 'b', 'c')`:                                                                               "abc",
		`concat('a', NULL)`:                                                                                   "NULL",
		`cardinality(['a', 'b'])`:                                                                             "2",
		`element_at(['a', 'b', 'c'], -1)`:                                                                     "c",
		`element_at(['a', 'b', 'c'], 4)`:                                                                      "NULL",
		`day_of_week(DATE '2026-01-04')`:                                                                      "7",
		`date_add('hour', 25, TIMESTAMPTZ '2026-01-01 00:00:00+00') = TIMESTAMPTZ '2026-01-02 01:00:00+00'`:   "true",
		`date_add('month', 1, TIMESTAMPTZ '2026-01-31 00:00:00+00') = TIMESTAMPTZ '2026-02-28 00:00:00+00'`:   "true",
		`date_add(DATE '2026-01-01', INTERVAL 1 DAY) = TIMESTAMP '2026-01-02 00:00:00'`:                       "true",
		`date_diff('hour', TIMESTAMPTZ '2026-01-01 10:59:00+00', TIMESTAMPTZ '2026-01-01 11:01:00+00')`:       "0",
		`date_diff('day', TIMESTAMPTZ '2026-01-01 10:00:00+00', TIMESTAMPTZ '2026-01-03 09:00:00+00')`:        "1",
		`date_diff('second', TIMESTAMPTZ '2026-01-01 10:00:00+00', TIMESTAMPTZ '2026-01-01 09:59:00+00')`:     "-60",
		`date_format(TIMESTAMPTZ '2026-01-02 03:04:05+00', '%Y-%m-%d %H:%i:%s')`:                              "2026-01-02 03:04:05",
		`date_format(TIMESTAMPTZ '2026-01-02 03:04:05+00', '%M %W %T %e/%c')`:                                 "January Friday 03:04:05 2/1",
		`date_parse('2026-01-02 03:04:05', '%Y-%m-%d %H:%i:%s') = TIMESTAMP '2026-01-02 03:04:05'`:            "true",
		`date_parse('2026-01-02T03:04:05Z', '%Y-%m-%dT%H:%i:%sZ') = TIMESTAMP '2026-01-02 03:04:05'`:          "true",
		`date_trunc('day', TIMESTAMPTZ '2026-01-02 23:30:00+00') = TIMESTAMPTZ '2026-01-02 00:00:00+00'`:      "true",
		// DuckDB's HyperLogLog is much coarser than Trino's (it says 1249 here)
		`(SELECT approx_distinct(x) BETWEEN 700 AND 1300 FROM range(1000) t(x))`:                                          "true",
		`(SELECT string_agg(coalesce(CAST(x AS VARCHAR), 'N'), ',' ORDER BY x DESC) FROM (VALUES (1), (NULL), (2)) t(x))`: "2,1,N",
		`(SELECT list(x ORDER BY x) FROM (VALUES (1), (NULL), (2)) t(x))::VARCHAR`:                                        "[1, 2, NULL]",
	} {
		if got := scalar("SELECT " + q); got != want {
			t.Errorf("%s = %s, want %s", q, got, want)
		}
	}
	if got := scalar(`SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT DISTINCT eventtime::VARCHAR LIKE '%+00' AS x FROM cloudtrail_logs WHERE eventtime IS NOT NULL)`); !strings.Contains(got, "true") || strings.Contains(got, "false") {
		t.Errorf("eventtime is not shown in UTC: %s", got)
	}
}
