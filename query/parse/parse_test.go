package parse

import (
	"errors"
	"strings"
	"testing"
)

// paren renders an expression with every operator application in
// parentheses, to make the parsed structure visible.
func paren(e Expr) string {
	switch e := e.(type) {
	case *Binary:
		return "(" + paren(e.Left) + " " + e.Op.String() + " " + paren(e.Right) + ")"
	case *Unary:
		if e.Negate {
			return "(-" + paren(e.Expr) + ")"
		}
		return "(+" + paren(e.Expr) + ")"
	case *Not:
		return "(NOT " + paren(e.Expr) + ")"
	case *IsNull:
		return "(" + paren(e.Expr) + " IS NULL)"
	case *Between:
		return "(" + paren(e.Expr) + " BETWEEN " + paren(e.Low) + " AND " + paren(e.High) + ")"
	case *InList:
		return "(" + paren(e.Expr) + " IN ...)"
	case *Like:
		return "(" + paren(e.Expr) + " LIKE " + paren(e.Pattern) + ")"
	case *AtTimeZone:
		return "(" + paren(e.Expr) + " AT TIME ZONE " + paren(e.Zone) + ")"
	case *Subscript:
		return "(" + paren(e.Base) + "[" + paren(e.Index) + "])"
	case *Dereference:
		return "(" + paren(e.Base) + "." + e.Field.String() + ")"
	}
	return Format(e)
}

func TestPrecedence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a OR b AND c", "(a OR (b AND c))"},
		{"a AND b OR c", "((a AND b) OR c)"},
		{"NOT a AND b", "((NOT a) AND b)"},
		{"NOT a = b", "(NOT (a = b))"},
		{"NOT NOT a", "(NOT (NOT a))"},
		{"a = b AND c <> d", "((a = b) AND (c <> d))"},
		{"a != b", "(a <> b)"},
		{"a + b * c", "(a + (b * c))"},
		{"a - b - c", "((a - b) - c)"},
		{"a - (b - c)", "(a - (b - c))"},
		{"a / b % c * d", "(((a / b) % c) * d)"},
		{"a || b + c", "(a || (b + c))"},
		{"a + b || c", "((a + b) || c)"},
		{"-a * b", "((-a) * b)"},
		{"-a.b", "(-a.b)"},
		{"- - a", "(-(-a))"},
		{"a * -b", "(a * (-b))"},
		{"a = -1", "(a = (-1))"},
		{"x BETWEEN a AND b AND c", "((x BETWEEN a AND b) AND c)"},
		{"x NOT BETWEEN a + 1 AND b * 2 OR y", "((x BETWEEN (a + 1) AND (b * 2)) OR y)"},
		{"x BETWEEN 1 AND 2 = y", ""},
		{"a IS NULL OR b IS NOT NULL", "((a IS NULL) OR (b IS NULL))"},
		{"a || b LIKE c || '%'", "((a || b) LIKE (c || '%'))"},
		{"a IN (1, 2) AND b", "((a IN ...) AND b)"},
		{"x AT TIME ZONE 'UTC' + y", "((x AT TIME ZONE 'UTC') + y)"},
		{"-x AT TIME ZONE 'UTC'", "(-(x AT TIME ZONE 'UTC'))"},
		{"a[1][2]", "((a[1])[2])"},
		{"a[1].b", "((a[1]).b)"},
		{"f(x).y.z", "((f(x).y).z)"},
		{"a.f(x).y[1]", "((a.f(x).y)[1])"},
		{"(a).b", "a.b"},
		{"(a = b) = c", "((a = b) = c)"},
		{"date = DATE '2024-01-01'", "(date = DATE '2024-01-01')"},
		{"date + interval '1' day", "(date + INTERVAL '1' DAY)"},
		{"now() - interval '7' day > x", "((now() - INTERVAL '7' DAY) > x)"},
		{"a = 1 = 2", ""},
		{"a IS NULL IS NULL", ""},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s: parsed as %s, want an error", tt.in, paren(e))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got := paren(e); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.in, got, tt.want)
		}
		again, err := ParseExpr(Format(e))
		if err != nil || dump(again) != dump(e) {
			t.Errorf("%s: round trip through %q failed (%v)", tt.in, Format(e), err)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{"select a b, c as d from t x inner join u y on x.k = y.k left outer join v using (k)",
			"SELECT a AS b, c AS d FROM t AS x JOIN u AS y ON x.k = y.k LEFT JOIN v USING (k)"},
		{"select * from t fetch first 3 rows only", "SELECT * FROM t LIMIT 3"},
		{"select * from t fetch next row only", "SELECT * FROM t LIMIT 1"},
		{"select * from t limit 5 offset 10", "SELECT * FROM t OFFSET 10 LIMIT 5"},
		{"select trim(s, 'x'), trim(from s)", "SELECT TRIM('x' FROM s), TRIM(s)"},
		{"select cast(x as double precision), cast(y as array<map<varchar,int>>)", "SELECT CAST(x AS DOUBLE), CAST(y AS ARRAY(MAP(VARCHAR, INT)))"},
		{"select -(-1), - (+1), -(a*b), (-a)*b, - - -1", "SELECT - -1, - +1, -(a * b), -a * b, - - -1"},
		{"select (select 1), exists(select 1), x in ((select 1))", "SELECT (SELECT 1), EXISTS (SELECT 1), x IN ((SELECT 1))"},
		{"select 1 union (select 2 union select 3)", "SELECT 1 UNION (SELECT 2 UNION SELECT 3)"},
		{"(select 1 union select 2) intersect select 3", "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"},
		{"select 1 union select 2 intersect select 3", "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"},
		{"select * from (a cross join b) x", "SELECT * FROM (a CROSS JOIN b) AS x"},
		{"select * from a join (b join c on p) on q", "SELECT * FROM a JOIN b JOIN c ON p ON q"},
		{"select * from a cross join (b cross join c) join d using (k)", "SELECT * FROM a CROSS JOIN (b CROSS JOIN c) JOIN d USING (k)"},
		{"select \"select\", \"Mixed\", plain, \"plain\" from \"t\"", "SELECT \"select\", \"Mixed\", plain, \"plain\" FROM \"t\""},
		{"select x -> x, (a,b) -> a + b, () -> 1", "SELECT x -> x, (a, b) -> a + b, () -> 1"},
		{"select f(x -> x + 1)", "SELECT f(x -> x + 1)"},
		{"select count(all x), count(DISTINCT x, y)", "SELECT count(x), count(DISTINCT x, y)"},
		{"show tables in db like 'a%' escape '\\'", "SHOW TABLES FROM db LIKE 'a%' ESCAPE '\\'"},
		{"show columns from t", "DESCRIBE t"},
		{"select a.*, b.c.* from a", "SELECT a.*, b.c.* FROM a"},
		{"select 'a''b', u&'\\0061'", "SELECT 'a''b', 'a'"},
		// Names that a context would read as keywords are parenthesised.
		{"select * from (a c) d", "SELECT * FROM (a AS c) AS d"},
		{"select (array)[1], (Array)[2], \"array\"[3]", "SELECT (array)[1], (Array)[2], \"array\"[3]"},
		{"select (interval) - 'x', (a * interval) + 'y', interval - 1, x at time zone (interval) - 'z'",
			"SELECT (interval) - 'x', (a * interval) + 'y', interval - 1, (x AT TIME ZONE interval) - 'z'"},
		{"select (all) is null, (all), count((all) is null), count((all)), substring((all.x) from 2)",
			"SELECT (all IS NULL), all, count(all IS NULL), count(all), SUBSTRING(all.x FROM 2)"},
		{"select count(all x), count(all(x)), array_agg(all order by all), count(all not in (1)), count(all not x)",
			"SELECT count(x), count(all(x)), array_agg(all ORDER BY all), count(all NOT IN (1)), count(NOT x)"},
		{"select distinct (all) is null, f(distinct (all))", "SELECT DISTINCT all IS NULL, f(DISTINCT all)"},
		{"select trim((both)), trim((leading) from x), trim(both (both) from x)",
			"SELECT TRIM((both)), TRIM((leading) FROM x), TRIM(BOTH both FROM x)"},
		{"select sum(x) over (order by y rows between (unbounded) preceding and (unbounded + 1) following)",
			"SELECT sum(x) OVER (ORDER BY y ROWS BETWEEN (unbounded) PRECEDING AND (unbounded + 1) FOLLOWING)"},
		{"select x'00ff', timestamp '2024-01-01 00:00:00', decimal '1.5', json '{}'", "SELECT X'00FF', TIMESTAMP '2024-01-01 00:00:00', DECIMAL '1.5', JSON '{}'"},
	}
	for _, tt := range tests {
		st, err := Parse(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got := Format(st); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in, got, tt.want)
		}
		checkRoundTrip(t, st)
	}
}

func TestIdentifiers(t *testing.T) {
	st, err := Parse(`SELECT EventName, "EventName", "a""b", "x.y z" FROM Db."Table"`)
	if err != nil {
		t.Fatal(err)
	}
	sel := st.(*Query).Body.(*Select)
	want := []struct {
		name, canon string
		quoted      bool
	}{{"EventName", "eventname", false}, {"EventName", "EventName", true}, {`a"b`, `a"b`, true}, {"x.y z", "x.y z", true}}
	for i, w := range want {
		id := sel.Items[i].(*SelectExpr).Expr.(*ColumnRef).Parts[0]
		if id.Name != w.name || id.Canonical() != w.canon || id.Quoted != w.quoted {
			t.Errorf("item %d: got %+v (canonical %q), want %+v", i, id, id.Canonical(), w)
		}
	}
	tbl := sel.From[0].(*Table)
	if got := tbl.Name.Canonical(); got != "db.Table" {
		t.Errorf("table canonical name %q", got)
	}
}

func TestPositions(t *testing.T) {
	src := "SELECT a,\n  count(*) AS n\nFROM t\nWHERE x = 'é' AND y > 2"
	st, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	sel := st.(*Query).Body.(*Select)
	check := func(what string, got Pos, line, col int) {
		t.Helper()
		if got.Line != line || got.Column != col {
			t.Errorf("%s at %d:%d, want %d:%d", what, got.Line, got.Column, line, col)
		}
	}
	check("count(*)", sel.Items[1].Position(), 2, 3)
	check("alias", sel.Items[1].(*SelectExpr).Alias.Pos, 2, 15)
	check("table", sel.From[0].Position(), 3, 6)
	and := sel.Where.(*Binary)
	check("AND", and.Position(), 4, 7)
	check("y > 2", and.Right.Position(), 4, 19) // é is one column
	checkPositions(t, src, st)
}

func TestSplit(t *testing.T) {
	script := "-- header; with a semicolon\nSELECT ';' AS a, \"x;y\" FROM t; /* ; */\n\n;; SELECT 2\n/* c */ ; SHOW TABLES;\nSELECT nope FORM t;"
	pieces := Split(script)
	var texts []string
	for _, pc := range pieces {
		texts = append(texts, pc.Text)
	}
	want := []string{`SELECT ';' AS a, "x;y" FROM t`, "SELECT 2", "SHOW TABLES", "SELECT nope FORM t"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Fatalf("Split gave %q, want %q", texts, want)
	}
	if p := pieces[1].Pos; p.Line != 4 || p.Column != 4 {
		t.Errorf("second piece at %+v, want line 4 column 4", p)
	}
	st, err := pieces[1].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if p := st.Position(); p.Line != 4 || p.Column != 4 || script[p.Offset:p.Offset+6] != "SELECT" {
		t.Errorf("statement position %+v is not relative to the script", p)
	}
	_, err = pieces[3].Parse()
	var pe *Error
	if !errors.As(err, &pe) || pe.Line != 6 || pe.Column != 13 {
		t.Fatalf("error %v, want one at line 6:13", err)
	}
	if !strings.Contains(pe.Pretty(), "SELECT nope FORM t;\n            ^") {
		t.Errorf("Pretty shows the wrong line:\n%s", pe.Pretty())
	}
	if got := Split("SELECT 'unterminated; SELECT 2"); len(got) != 1 {
		t.Errorf("a ; inside an unterminated string split the script: %q", got)
	}
	if got := Split(" -- only comments\n /* ; */ ; "); len(got) != 0 {
		t.Errorf("comment-only script gave pieces %q", got)
	}
}

func TestParseScript(t *testing.T) {
	sts, err := ParseScript("SELECT 1;\n;SHOW TABLES ; DESCRIBE t")
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 3 {
		t.Fatalf("got %d statements", len(sts))
	}
	if p := sts[2].Position(); p.Line != 2 || p.Column != 16 {
		t.Errorf("third statement at %+v", p)
	}
	_, err = ParseScript("SELECT 1; SELECT 2 SELECT 3")
	if err == nil || !strings.Contains(err.Error(), `line 1:20: unexpected "SELECT"`) {
		t.Errorf("got %v", err)
	}
}

func TestPretty(t *testing.T) {
	_, err := Parse("SELECT eventname, count(*) FORM cloudtrail_logs")
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("got %v", err)
	}
	want := "line 1:28: unexpected \"FORM\", expected FROM, WHERE, GROUP BY, ORDER BY, LIMIT or end of query (did you mean FROM?)\n" +
		"SELECT eventname, count(*) FORM cloudtrail_logs\n" +
		"                           ^"
	if got := pe.Pretty(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if pe.Line != 1 || pe.Column != 28 || pe.Offset != 27 || !strings.HasPrefix(pe.Msg, "unexpected") {
		t.Errorf("fields %+v", pe)
	}
}

func TestDepth(t *testing.T) {
	nest := func(open, mid, close string, n int) string {
		return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
	}
	for _, tt := range []struct {
		name string
		sql  func(n int) string
	}{
		{"parentheses", func(n int) string { return "SELECT " + nest("(", "1", ")", n) }},
		{"subqueries", func(n int) string { return nest("SELECT (", "SELECT 1", ")", n) }},
		{"from", func(n int) string { return "SELECT * FROM " + nest("(", "t", ")", n) }},
		{"types", func(n int) string { return "SELECT CAST(x AS " + nest("array(", "int", ")", n) + ")" }},
		{"minus", func(n int) string { return "SELECT " + strings.Repeat("- ", n) + "1" }},
		{"not", func(n int) string { return "SELECT " + strings.Repeat("NOT ", n) + "x" }},
		{"arrays", func(n int) string { return "SELECT " + nest("ARRAY[", "1", "]", n) }},
		{"calls", func(n int) string { return "SELECT " + nest("f(", "1", ")", n) }},
		{"right joins", func(n int) string {
			return "SELECT * FROM a" + strings.Repeat(" JOIN a", n) + strings.Repeat(" ON x", n)
		}},
		{"cross joins", func(n int) string { return "SELECT * FROM a" + nest(" CROSS JOIN (a", "", ")", n) }},
		{"unary in parens", func(n int) string { return "SELECT " + nest("-(", "1", ")", n) }},
		{"set operations", func(n int) string { return "SELECT 1" + nest(" UNION (SELECT 1", "", ")", n) }},
		{"lambdas", func(n int) string { return "SELECT f(" + strings.Repeat("x -> ", n) + "x)" }},
		{"case", func(n int) string { return "SELECT " + nest("CASE WHEN ", "x", " THEN 1 END", n) }},
		{"window", func(n int) string { return "SELECT " + nest("f(x) OVER (ORDER BY ", "x", ")", n) }},
	} {
		if _, err := Parse(tt.sql(300)); err != nil {
			t.Errorf("%s: 300 levels: %v", tt.name, err)
		}
		// At the deepest nesting that parses, the formatted text must
		// parse too: Format never nests deeper than its input.
		lo, hi := 1, 5000
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if _, err := Parse(tt.sql(mid)); err == nil {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		st, err := Parse(tt.sql(lo))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if _, err := Parse(Format(st)); err != nil {
			t.Errorf("%s: at %d levels the formatted text does not parse: %.200v", tt.name, lo, err)
		}
		_, err = Parse(tt.sql(5000))
		if err == nil || !strings.Contains(err.Error(), "nested too deeply") {
			t.Errorf("%s: 5000 levels: got %v", tt.name, err)
		}
	}
	// Long flat chains are not nesting: they parse, and print back.
	long := "SELECT 1" + strings.Repeat(" + 1", 100000) + " FROM t WHERE " + strings.Repeat("a = 1 OR ", 20000) + "b"
	st, err := Parse(long)
	if err != nil {
		t.Fatal(err)
	}
	if Format(st) != long {
		t.Error("long chain did not format back to itself")
	}
}

// TestPrefixes parses every prefix of every corpus query: each must either
// fail with a well-formed *Error or parse and round-trip.
func TestPrefixes(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for file, src := range corpus(t, "testdata") {
		for i := 0; i < len(src); i++ {
			prefix := src[:i]
			st, err := Parse(prefix)
			if err != nil {
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("%s[:%d]: error %T", file, i, err)
				}
				if want := posAt(prefix, pe.Offset); want.Line != pe.Line || want.Column != pe.Column {
					t.Fatalf("%s[:%d]: error %v at offset %d, which is %d:%d", file, i, err, pe.Offset, want.Line, want.Column)
				}
				continue
			}
			checkRoundTrip(t, st)
		}
	}
}
