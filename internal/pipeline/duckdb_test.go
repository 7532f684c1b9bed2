//go:build duckdb

package pipeline

// DuckDB is the reference reader: these tests convert input into a lake,
// then let DuckDB read the lake with hive_partitioning and compare what it
// sees with a model of the input built with encoding/json alone.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/trailhouse/trailhouse/convert"
	"github.com/trailhouse/trailhouse/ingest"
	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
)

// modelEvent is one input event as encoding/json sees it.
type modelEvent struct {
	ev    map[string]any
	part  string // account/region/date as the rules in docs/layout.md say
	id    string
	canon string // canonical JSON, for exact-duplicate detection
}

func get(m map[string]any, path ...string) (any, bool) {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = mm[p]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func str(m map[string]any, path ...string) (string, bool) {
	v, ok := get(m, path...)
	s, isStr := v.(string)
	return s, ok && isStr
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func modelPart(ev map[string]any, key ingest.KeyInfo) string {
	acct, ok := str(ev, "recipientAccountId")
	if !ok || acct == "" {
		acct, ok = str(ev, "userIdentity", "accountId")
	}
	if !ok || acct == "" {
		acct = key.Account
	}
	if !isDigits(acct, 12) {
		acct = "__HIVE_DEFAULT_PARTITION__"
	}
	region, ok := str(ev, "awsRegion")
	if !ok || region == "" {
		region = key.Region
	}
	okRegion := region != "" && len(region) <= 64 && region[0] != '-' && region[len(region)-1] != '-'
	for _, c := range region {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			okRegion = false
		}
	}
	if !okRegion {
		region = "__HIVE_DEFAULT_PARTITION__"
	}
	date := "__HIVE_DEFAULT_PARTITION__"
	if ts, ok := str(ev, "eventTime"); ok {
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "20060102T150405Z"} {
			if t, err := time.Parse(layout, ts); err == nil {
				date = t.UTC().Format(time.DateOnly)
				break
			}
		}
	}
	table := "cloudtrail_logs"
	if et, _ := str(ev, "eventType"); et == "AwsCloudTrailInsight" || key.Kind == ingest.Insight {
		table = "insights"
	}
	return table + "|" + acct + "|" + region + "|" + date
}

// model reads every object under dir and returns the events that should be
// in the lake (exact duplicates by eventID removed).
func model(t *testing.T, dir string) []modelEvent {
	t.Helper()
	src, _ := objstore.NewDir(dir)
	var out []modelEvent
	seen := map[string]bool{}
	err := ingest.Discover(context.Background(), src, "", func(o ingest.Object) error {
		if o.Info.Kind != ingest.Log && o.Info.Kind != ingest.Insight {
			return nil
		}
		rc, err := src.Open(context.Background(), o.Key)
		if err != nil {
			return err
		}
		defer rc.Close()
		d, err := convert.NewDecoder(rc)
		if err != nil {
			return nil
		}
		for {
			raw, err := d.Next()
			if err == io.EOF {
				return nil
			}
			var ie *convert.ItemError
			if errors.As(err, &ie) {
				continue
			}
			if err != nil {
				return nil // fatal for the object; events before were kept
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			var ev map[string]any
			if err := dec.Decode(&ev); err != nil {
				continue
			}
			canon, _ := json.Marshal(ev)
			me := modelEvent{ev: ev, part: modelPart(ev, o.Info), canon: string(canon)}
			me.id, _ = str(ev, "eventID")
			if id, ok := ev["eventID"].(string); ok {
				k := me.part + "|" + id + "|" + me.canon
				if seen[k] {
					continue
				}
				seen[k] = true
			}
			out = append(out, me)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func openDuck(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func scanTable(table string, lakeDir string) string {
	return fmt.Sprintf(`read_parquet('%s/%s/*/*/*/*.parquet', hive_partitioning = true,
		hive_types = {'account': VARCHAR, 'region': VARCHAR, 'date': VARCHAR})`, lakeDir, table)
}

// checkLakeWithDuckDB compares DuckDB's view of the lake with the model.
func checkLakeWithDuckDB(t *testing.T, inputDir, lakeDir string) {
	t.Helper()
	want := model(t, inputDir)
	wantCounts := map[string]int{}
	for _, m := range want {
		wantCounts[m.part]++
	}
	db := openDuck(t)
	gotCounts := map[string]int{}
	for _, table := range []string{"cloudtrail_logs", "insights"} {
		if _, err := os.Stat(filepath.Join(lakeDir, table)); err != nil {
			continue
		}
		rows, err := db.Query(`SELECT account, region, date, count(*) FROM ` + scanTable(table, lakeDir) + ` GROUP BY ALL`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var a, r, d sql.NullString // Hive's default partition reads as NULL
			var n int
			if err := rows.Scan(&a, &r, &d, &n); err != nil {
				t.Fatal(err)
			}
			name := func(v sql.NullString) string {
				if !v.Valid {
					return "__HIVE_DEFAULT_PARTITION__"
				}
				return v.String
			}
			gotCounts[table+"|"+name(a)+"|"+name(r)+"|"+name(d)] = n
		}
		rows.Close()
	}
	for k, n := range wantCounts {
		if gotCounts[k] != n {
			t.Errorf("partition %s: DuckDB counts %d rows, want %d", k, gotCounts[k], n)
		}
	}
	for k, n := range gotCounts {
		if _, ok := wantCounts[k]; !ok {
			t.Errorf("unexpected partition %s with %d rows", k, n)
		}
	}

	// Values: every typed string column, eventtime, booleans and resources,
	// for events whose eventID is unique in the input (so rows can be matched).
	byID := map[string][]modelEvent{}
	for _, m := range want {
		if m.id != "" {
			byID[m.id] = append(byID[m.id], m)
		}
	}
	var cols []string
	for _, c := range record.StrColumns {
		cols = append(cols, c.Name)
	}
	q := `SELECT ` + strings.Join(cols, ", ") + `, strftime(eventtime, '%Y-%m-%dT%H:%M:%S.%g'), readonly, managementevent,
		to_json(resources_arn)::VARCHAR, to_json(resources_accountid)::VARCHAR, to_json(resources_type)::VARCHAR FROM ` + scanTable("cloudtrail_logs", lakeDir)
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		vals := make([]sql.NullString, len(cols)+6)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		id := vals[record.EventID]
		if !id.Valid || len(byID[id.String]) != 1 {
			continue
		}
		ev := byID[id.String][0].ev
		for i, c := range record.StrColumns {
			v, present := get(ev, c.Path...)
			var wantV sql.NullString
			switch {
			case c.Kind == record.JSON && present && v != nil:
				b, _ := json.Marshal(v)
				wantV = sql.NullString{String: string(b), Valid: true}
			case c.Kind == record.String:
				if s, ok := v.(string); ok && present {
					wantV = sql.NullString{String: s, Valid: true}
				}
			}
			got := vals[i]
			if c.Kind == record.JSON && got.Valid { // compare as JSON values
				var g, w any
				json.Unmarshal([]byte(got.String), &g)
				json.Unmarshal([]byte(wantV.String), &w)
				gb, _ := json.Marshal(g)
				wb, _ := json.Marshal(w)
				got.String, wantV.String = string(gb), string(wb)
			}
			if got != wantV {
				t.Errorf("event %s column %s: DuckDB has %+v, want %+v", id.String, c.Name, got, wantV)
			}
		}
		n := len(cols)
		if ts, ok := str(ev, "eventTime"); ok {
			if tt, err := time.Parse(time.RFC3339Nano, ts); err == nil {
				wantTS := tt.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000")
				if !vals[n].Valid || vals[n].String != wantTS {
					t.Errorf("event %s eventtime: DuckDB has %+v, want %s", id.String, vals[n], wantTS)
				}
			}
		}
		for j, name := range []string{"readOnly", "managementEvent"} {
			v, _ := get(ev, name)
			b, isBool := v.(bool)
			got := vals[n+1+j]
			if isBool != got.Valid || isBool && fmt.Sprint(b) != got.String {
				t.Errorf("event %s %s: DuckDB has %+v, want %v", id.String, name, got, v)
			}
		}
		if res, ok := ev["resources"].([]any); ok && len(res) > 0 {
			for j, key := range []string{"ARN", "accountId", "type"} {
				var want []any
				for _, el := range res {
					m, _ := el.(map[string]any)
					s, isStr := m[key].(string)
					if isStr {
						want = append(want, s)
					} else {
						want = append(want, nil)
					}
				}
				wb, _ := json.Marshal(want)
				if got := vals[n+3+j]; !got.Valid || got.String != string(wb) {
					t.Errorf("event %s resources.%s: DuckDB has %+v, want %s", id.String, key, got, wb)
				}
			}
		}
		checked++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no rows compared")
	}
	keys := make([]string, 0, len(wantCounts))
	for k := range wantCounts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	t.Logf("DuckDB agrees on %d partitions and %d rows; values compared on %d rows", len(keys), len(want), checked)
}

func TestDuckDBReadsRealCorpusLake(t *testing.T) {
	needReal(t)
	lakeDir := t.TempDir()
	src, _ := objstore.NewDir(realDir)
	lake, _ := objstore.NewDir(lakeDir)
	if _, err := Convert(context.Background(), Options{From: src, To: lake, TempDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	checkLakeWithDuckDB(t, realDir, lakeDir)
}
