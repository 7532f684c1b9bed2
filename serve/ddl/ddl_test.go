package ddl

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/query/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

var goldenCases = []struct {
	file, engine string
	opt          Options
}{
	{"athena.sql", Athena, Options{Location: "s3://example-lake/ct/"}},
	{"athena-accounts-insights.sql", Athena, Options{Location: "s3://example-lake/ct", Database: "audit",
		Accounts: []string{"111122223333", "011122223333"}, Regions: []string{"us-east-1", "eu-west-1"}, StartDate: "2024-01-01", Insights: true}},
	{"trino.sql", Trino, Options{Location: "s3://example-lake/ct/"}},
	{"spark.sql", Spark, Options{Location: "s3a://example-lake/ct/"}},
	{"duckdb.sql", DuckDB, Options{Location: "/data/lake"}},
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		got, err := Generate(c.engine, c.opt)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		path := filepath.Join("testdata", c.file)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./serve/ddl -update writes it)", err)
		}
		if string(want) != got {
			t.Errorf("%s differs from what Generate writes now (go test ./serve/ddl -update, if intended); got:\n%s", path, got)
		}
	}
}

// Every stored column of internal/record, and every name of Athena's
// CloudTrail shape, is in each engine's statements.
func TestEveryColumn(t *testing.T) {
	for _, engine := range Engines {
		out, err := Generate(engine, Options{Location: "s3://b/p"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range record.All() {
			if !regexp.MustCompile(`[\s"` + "`" + `(]` + regexp.QuoteMeta(c.Name) + `[\s"` + "`" + `,)\[]`).MatchString(out) {
				t.Errorf("%s: column %s missing", engine, c.Name)
			}
		}
		for _, name := range append(athenaTopLevel(), "account", "region", "date") {
			if !regexp.MustCompile(`(?i)AS ["` + "`" + `]?` + regexp.QuoteMeta(name) + `["` + "`" + `]?[,\n]|\n  ["` + "`" + `]?` + regexp.QuoteMeta(name) + `["` + "`" + `]?[,\n]`).MatchString(out) {
				t.Errorf("%s: the nested shape has no %s", engine, name)
			}
		}
	}
}

// The views of Athena and Trino are Trino SQL: our parser must take them.
func TestTrinoViewsParse(t *testing.T) {
	for _, engine := range []string{Athena, Trino} {
		out, err := Generate(engine, Options{Location: "s3://b/p", Insights: true})
		if err != nil {
			t.Fatal(err)
		}
		views := regexp.MustCompile(`(?s)CREATE OR REPLACE VIEW \S+ AS\n(SELECT.*?);\n`).FindAllStringSubmatch(out, -1)
		if len(views) != 2 {
			t.Fatalf("%s: %d views, want 2", engine, len(views))
		}
		for _, v := range views {
			if _, err := parse.Parse(v[1]); err != nil {
				var pe *parse.Error
				if errors.As(err, &pe) {
					t.Errorf("%s view: %s", engine, pe.Pretty())
				} else {
					t.Errorf("%s view: %v", engine, err)
				}
			}
		}
	}
}

func TestNested(t *testing.T) {
	roots := nested()
	var names []string
	for _, r := range roots {
		names = append(names, r.name)
	}
	if strings.Join(names, ",") != "useridentity,addendum,tlsdetails" {
		t.Fatalf("struct roots %v", names)
	}
	ui := roots[0]
	sc := isStruct("sessioncontext", ui.children)
	if sc == nil || isStruct("sessionissuer", sc.children) == nil || isStruct("sessionissuer", sc.children).children[2].col.Name != "useridentity_sessioncontext_sessionissuer_arn" {
		t.Fatalf("useridentity.sessioncontext.sessionissuer.arn is not useridentity_sessioncontext_sessionissuer_arn")
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		engine string
		opt    Options
		want   error
	}{
		{"presto", Options{Location: "s3://b"}, ErrEngine},
		{Athena, Options{}, ErrLocation},
		{DuckDB, Options{Location: "/x'; DROP TABLE y; --"}, ErrLocation},
		{Trino, Options{Location: "http://example.com/lake"}, ErrLocation},
	} {
		if _, err := Generate(c.engine, c.opt); !errors.Is(err, c.want) {
			t.Errorf("%s %+v: error %v, want %v", c.engine, c.opt, err, c.want)
		}
	}
	if _, err := Generate(Athena, Options{Location: "s3://b", Accounts: []string{"12345"}}); err == nil {
		t.Error("a 5-digit account was accepted")
	}
}
