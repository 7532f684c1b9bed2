package pq

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/trailhouse/trailhouse/query/vec"
)

// TestReadCodesLake: for every text column chunk of the test lake,
// ReadCodes either declines with ErrNotDictionary or gives exactly the
// values of ReadColumn.
func TestReadCodesLake(t *testing.T) {
	ctx := context.Background()
	coded, declined := 0, 0
	for _, p := range testLake(t) {
		fh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := fh.Stat()
		f, err := ReadFooter(ctx, fh, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		for leaf, l := range f.Leaves {
			if l.Type != ByteArray || l.List {
				continue
			}
			for rg := range f.RowGroups {
				c, err := f.ReadCodes(ctx, fh, rg, leaf)
				if errors.Is(err, ErrNotDictionary) {
					declined++
					v, err := f.ReadColumn(ctx, fh, rg, leaf, vec.TVarchar)
					if err != nil {
						t.Fatal(err)
					}
					for i, code := range v.Codes {
						if v.Dict != nil && !v.IsNull(i) && v.Dict.Values[code] != v.S[i] {
							t.Fatalf("%s row %d: vector code %d does not give %q", l.Path, i, code, v.S[i])
						}
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s %s rg %d: %v", p, l.Path, rg, err)
				}
				v, err := f.ReadColumn(ctx, fh, rg, leaf, vec.TVarchar)
				if err != nil {
					t.Fatal(err)
				}
				if len(c.Codes) != v.Len {
					t.Fatalf("%s: %d codes, %d values", l.Path, len(c.Codes), v.Len)
				}
				for i, code := range c.Codes {
					if (code < 0) != v.IsNull(i) || (code >= 0 && c.Dict[code] != v.S[i]) {
						t.Fatalf("%s row %d: code %d, value %q null %v", l.Path, i, code, v.S[i], v.IsNull(i))
					}
				}
				// ReadColumn keeps the codes of a chunk that ReadCodes takes.
				if v.Dict == nil || len(v.Codes) != v.Len {
					t.Fatalf("%s rg %d: dictionary-encoded chunk read without its codes", l.Path, rg)
				}
				for i, code := range v.Codes {
					if !v.IsNull(i) && (code < 0 || int(code) >= len(v.Dict.Values) || v.Dict.Values[code] != v.S[i]) {
						t.Fatalf("%s row %d: vector code %d does not give %q", l.Path, i, code, v.S[i])
					}
				}
				coded++
			}
		}
		fh.Close()
	}
	if coded == 0 || declined == 0 {
		t.Fatalf("%d chunks read as codes, %d declined: the lake should have both", coded, declined)
	}
	t.Logf("%d chunks read as codes, %d declined", coded, declined)
}
