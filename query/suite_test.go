package query_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trailhouse/trailhouse/query/parse"
)

// The correctness suite: query/testdata/suite/NAME.sql, one query per file,
// named after what it tests. A file is the Trino SQL that trailhouse runs,
// verbatim. Optional parts, all inside comments so the file stays valid
// Trino SQL:
//
//	-- approx: COL[, COL]  columns (by output name) compared within 5%
//	                       (approx_distinct and the like)
//	-- rows: any           the result may be empty (otherwise the DuckDB side
//	                       must return at least one row, so that no case
//	                       tests nothing)
//	/* duckdb:
//	SQL                    the same question in DuckDB's dialect, when DuckDB
//	*/                     (with the duckdb DDL's views and macros loaded)
//	                       cannot run the Trino text itself; it must end
//	                       the file
//
// suite_duckdb_test.go runs every case on DuckDB and on trailhouse and
// compares the answers; this file checks that each case parses.

const suiteDir = "testdata/suite"

type suiteCase struct {
	name   string
	path   string
	sql    string   // the Trino text, without the duckdb block
	duck   string   // DuckDB's text: the duckdb block, else sql
	approx []string // output columns compared approximately
	empty  bool     // an empty result is a correct answer
}

var (
	directive  = regexp.MustCompile(`(?m)^--\s*(approx|rows):\s*(.*?)\s*$`)
	duckBlock  = regexp.MustCompile(`(?s)/\*\s*duckdb:\s*\n(.*?)\*/\s*$`)
	nameFormat = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

func loadSuite(t testing.TB) []suiteCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(suiteDir, "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var out []suiteCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		c := suiteCase{name: strings.TrimSuffix(filepath.Base(f), ".sql"), path: f, sql: src, duck: src}
		if m := duckBlock.FindStringSubmatchIndex(src); m != nil {
			c.sql = strings.TrimSpace(src[:m[0]]) + "\n"
			c.duck = strings.TrimSpace(src[m[2]:m[3]])
		} else if strings.Contains(src, "duckdb:") {
			t.Errorf("%s: a duckdb block must be /* duckdb: ... */ at the end of the file", f)
		}
		for _, m := range directive.FindAllStringSubmatch(c.sql, -1) {
			switch m[1] {
			case "approx":
				for _, col := range strings.Split(m[2], ",") {
					c.approx = append(c.approx, strings.TrimSpace(col))
				}
			case "rows":
				if m[2] != "any" {
					t.Errorf("%s: -- rows: %q, want any", f, m[2])
				}
				c.empty = true
			}
		}
		out = append(out, c)
	}
	return out
}

// orderedBy reports whether the statement's answer has a defined row order:
// a query whose outermost clause is ORDER BY.
func orderedBy(st parse.Statement) bool {
	q, ok := st.(*parse.Query)
	return ok && len(q.OrderBy) > 0
}

func TestSuiteParses(t *testing.T) {
	cases := loadSuite(t)
	if len(cases) < 100 {
		t.Errorf("the suite has %d cases, want at least 100", len(cases))
	}
	for _, c := range cases {
		if !nameFormat.MatchString(c.name) {
			t.Errorf("%s: name is not lower-case-words", c.path)
		}
		st, err := parse.Parse(c.sql)
		if err != nil {
			var pe *parse.Error
			if errors.As(err, &pe) {
				t.Errorf("%s: %s", c.path, pe.Pretty())
			} else {
				t.Errorf("%s: %v", c.path, err)
			}
			continue
		}
		if _, ok := st.(*parse.Query); !ok {
			t.Errorf("%s: %T is not a query; the suite compares query answers", c.path, st)
		}
		// The whole file, duckdb block included, is valid Trino SQL too
		// (the block is a comment): it seeds FuzzParse.
		if _, err := parse.Parse(string(mustRead(t, c.path))); err != nil {
			t.Errorf("%s: the file as a whole does not parse: %v", c.path, err)
		}
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
