package pq

import (
	"context"
	"os"
	"testing"

	"github.com/trailhouse/trailhouse/query/vec"
)

// TestReadCodesLake: ReadColumn gives every text chunk of the test lake
// that is dictionary-encoded throughout its codes (each non-NULL row's
// code names its value), and the lake has chunks of both kinds.
func TestReadCodesLake(t *testing.T) {
	ctx := context.Background()
	coded, declined := 0, 0
	eachTextChunk(t, testLake(t), func(p string, fh *os.File, f *File, leaf, rg int) {
		l := f.Leaves[leaf]
		v, err := f.ReadColumn(ctx, fh, rg, leaf, vec.TVarchar)
		if err != nil {
			t.Fatalf("%s %s rg %d: %v", p, l.Path, rg, err)
		}
		if v.Dict == nil {
			declined++
			return
		}
		if len(v.Codes) != v.Len || len(v.Dict.Values) != v.Dict.N {
			t.Fatalf("%s rg %d: %d codes for %d rows, %d values for %d codes", l.Path, rg, len(v.Codes), v.Len, len(v.Dict.Values), v.Dict.N)
		}
		for i, code := range v.Codes {
			if !v.IsNull(i) && (code < 0 || int(code) >= len(v.Dict.Values) || v.Dict.Values[code] != v.S[i]) {
				t.Fatalf("%s row %d: code %d does not give %q", l.Path, i, code, v.S[i])
			}
		}
		coded++
	})
	if coded == 0 || declined == 0 {
		t.Fatalf("%d chunks read with codes, %d without: the lake should have both", coded, declined)
	}
	t.Logf("%d chunks read with codes, %d without", coded, declined)
}

// TestReadColumnCoded: ReadColumnCoded gives ReadColumn's values, as codes
// only (S nil) for chunks dictionary-encoded throughout, and as strings
// for chunks that fall back to plain pages after dictionary pages.
func TestReadColumnCoded(t *testing.T) {
	ctx := context.Background()
	lazy, mixed := 0, 0
	eachTextChunk(t, append(testLake(t), arrowFiles(t)...), func(p string, fh *os.File, f *File, leaf, rg int) {
		l := f.Leaves[leaf]
		want, err := f.ReadColumn(ctx, fh, rg, leaf, vec.TVarchar)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.ReadColumnCoded(ctx, fh, rg, leaf, vec.TVarchar)
		if err != nil {
			t.Fatal(err)
		}
		if got.Len != want.Len {
			t.Fatalf("%s %s rg %d: %d rows, want %d", p, l.Path, rg, got.Len, want.Len)
		}
		for i := 0; i < want.Len; i++ {
			if got.IsNull(i) != want.IsNull(i) || (!want.IsNull(i) && got.Str(i) != want.S[i]) {
				t.Fatalf("%s %s rg %d row %d: %q (null %v), want %q (null %v)", p, l.Path, rg, i, got.Get(i), got.IsNull(i), want.S[i], want.IsNull(i))
			}
		}
		switch {
		case got.S == nil:
			lazy++
		case want.Dict == nil && f.RowGroups[rg].Chunks[leaf].DictionaryPageOffset > 0:
			mixed++ // a dictionary page, then pages in another encoding
		}
	})
	if lazy == 0 || mixed == 0 {
		t.Fatalf("%d chunks read as codes only, %d mixed chunks: the files should have both", lazy, mixed)
	}
}

// eachTextChunk calls f for every flat text column chunk of the files.
func eachTextChunk(t *testing.T, paths []string, f func(path string, fh *os.File, md *File, leaf, rg int)) {
	t.Helper()
	for _, p := range paths {
		fh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := fh.Stat()
		md, err := ReadFooter(context.Background(), fh, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		for leaf, l := range md.Leaves {
			if l.Type != ByteArray || l.List {
				continue
			}
			for rg := range md.RowGroups {
				f(p, fh, md, leaf, rg)
			}
		}
		fh.Close()
	}
}
