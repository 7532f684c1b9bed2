package parse

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the testdata golden files")

// corpus returns the .sql files in dir, by name.
func corpus(t testing.TB, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(data)
	}
	return out
}

func golden(t *testing.T, sqlFile, got string) {
	t.Helper()
	gf := strings.TrimSuffix(sqlFile, ".sql") + ".golden"
	if *update {
		if err := os.WriteFile(gf, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(gf)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from what parsing gives now (run go test -update if the change is intended)\n--- got:\n%s\n--- want:\n%s", gf, got, want)
	}
}

// checkRoundTrip asserts Parse(Format(s)) == s modulo positions, and that
// Format is a fixed point.
func checkRoundTrip(t testing.TB, st Statement) {
	t.Helper()
	text := Format(st)
	again, err := Parse(text)
	if err != nil {
		t.Fatalf("formatted statement does not parse: %v\n%s", err, text)
	}
	if d1, d2 := dump(st), dump(again); d1 != d2 {
		t.Fatalf("round trip changed the tree\nformatted: %s\n--- before:\n%s--- after:\n%s", text, d1, d2)
	}
	if text2 := Format(again); text2 != text {
		t.Fatalf("Format is not stable:\n%s\n%s", text, text2)
	}
}

func TestCorpus(t *testing.T) {
	files := corpus(t, "testdata")
	if len(files) < 80 {
		t.Errorf("corpus has %d queries, want at least 80", len(files))
	}
	for file, src := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			st, err := Parse(src)
			if err != nil {
				var pe *Error
				if errors.As(err, &pe) {
					t.Fatalf("%s", pe.Pretty())
				}
				t.Fatal(err)
			}
			checkPositions(t, src, st)
			checkRoundTrip(t, st)
			golden(t, file, Format(st)+"\n\n"+dump(st))
		})
	}
}

func TestErrorCorpus(t *testing.T) {
	files := corpus(t, filepath.Join("testdata", "errors"))
	for file, src := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src := strings.TrimSuffix(src, "\n")
			_, err := Parse(src)
			if err == nil {
				t.Fatalf("parsed without error")
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error is %T, want *Error", err)
			}
			if want := posAt(src, pe.Offset); want.Line != pe.Line || want.Column != pe.Column {
				t.Errorf("error at %d:%d but its offset %d is at %d:%d", pe.Line, pe.Column, pe.Offset, want.Line, want.Column)
			}
			golden(t, file, pe.Pretty()+"\n")
		})
	}
}
