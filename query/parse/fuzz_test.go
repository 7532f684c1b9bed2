package parse

import (
	"errors"
	"path/filepath"
	"testing"
)

// FuzzParse checks, for any input, that parsing never panics, that errors
// are well-formed *Error values, and that whatever parses round-trips
// through Format. It also drives Split and ParseScript over the input.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata", filepath.Join("testdata", "errors"), filepath.Join("..", "testdata", "suite")} {
		for _, src := range corpus(f, dir) {
			f.Add(src)
		}
	}
	// Small inputs dense in the words and shapes whose meaning depends on
	// context, for the mutator to recombine.
	for _, s := range []string{
		"SELECT (array)[1], (interval) - 'x', trim((both)), count((all))",
		"SELECT all.x, date '2024-01-01', date, interval '1' day, row(1), (a, b) -> a",
		"SELECT x = ANY ((SELECT 1 LIMIT 1) UNION SELECT 2), x IN ((SELECT 1) UNION (SELECT 2))",
		"SELECT * FROM ((a b) c) d JOIN (e CROSS JOIN f) ON g USING (h), LATERAL (SELECT 1)",
		"SELECT f(x) FILTER (WHERE y) IGNORE NULLS OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING)",
		"SELECT position(a IN b), substring(a FROM 1 FOR 2), extract(year FROM x), cast(x AS row(a array<map<int, varchar>>))",
		"(SELECT 1 ORDER BY 1 LIMIT 1) UNION ALL (VALUES (1, 2)) INTERSECT SELECT 2 OFFSET 1 FETCH FIRST ROW ONLY",
		"SELECT - -1, NOT NOT a, a IS NOT DISTINCT FROM b, x NOT BETWEEN 1 AND 2, U&'\\0041' UESCAPE '!', X'00'",
		"EXPLAIN (TYPE IO, FORMAT JSON) WITH a(x) AS (SELECT 1) SELECT * FROM a; SHOW TABLES FROM s LIKE 'x' ESCAPE '!'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		st, err := Parse(src)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error is %T, not *Error: %v", err, err)
			}
			if want := posAt(src, pe.Offset); want.Line != pe.Line || want.Column != pe.Column {
				t.Fatalf("error %v: offset %d is at %d:%d", err, pe.Offset, want.Line, want.Column)
			}
			_ = pe.Pretty()
		} else {
			checkPositions(t, src, st)
			checkRoundTrip(t, st)
		}
		for _, pc := range Split(src) {
			if s, err := pc.Parse(); err == nil {
				checkRoundTrip(t, s)
			}
		}
		_, _ = ParseScript(src)
	})
}
