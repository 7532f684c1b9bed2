package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/trailhouse/trailhouse/internal/record"
)

// realDir is the shared corpus of real and hand-edited CloudTrail events.
const realDir = "../../shared/testdata/cloudtrail/real"

func realFiles(t testing.TB) []string {
	t.Helper()
	if _, err := os.Stat(realDir); err != nil {
		t.Skipf("shared real CloudTrail corpus not found at %s (it lives beside the repository): %v", realDir, err)
	}
	var files []string
	err := filepath.WalkDir(realDir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// decodeAll returns every event of an object and the item errors.
func decodeAll(t testing.TB, r io.Reader) (events [][]byte, itemErrs []error, d *Decoder, fatal error) {
	t.Helper()
	d, err := NewDecoder(r)
	if err != nil {
		return nil, nil, nil, err
	}
	for {
		ev, err := d.Next()
		if err == io.EOF {
			return events, itemErrs, d, nil
		}
		var ie *ItemError
		if errors.As(err, &ie) {
			itemErrs = append(itemErrs, err)
			continue
		}
		if err != nil {
			return events, itemErrs, d, err
		}
		events = append(events, bytes.Clone(ev))
	}
}

func stdDecode(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("reference decoder rejects event: %v\n%s", err, b)
	}
	return v
}

// TestRealCorpusLossless: every event of the shared real corpus, flattened
// and rebuilt, equals the original as decoded by encoding/json.
func TestRealCorpusLossless(t *testing.T) {
	var f Flattener
	var row record.Row
	total, withExtra := 0, 0
	for _, p := range realFiles(t) {
		fh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		events, itemErrs, d, fatal := decodeAll(t, fh)
		fh.Close()
		if fatal != nil {
			t.Errorf("%s: %v", p, fatal)
			continue
		}
		for _, e := range itemErrs {
			t.Logf("%s: %v", p, e)
		}
		if len(events) == 0 && d.Digests == 0 {
			t.Errorf("%s: no events and no digest", p)
		}
		for i, ev := range events {
			if err := f.Flatten(ev, &row); err != nil {
				t.Errorf("%s event %d: flatten: %v", p, i, err)
				continue
			}
			got, err := Rebuild(&row)
			if err != nil {
				t.Errorf("%s event %d: rebuild: %v", p, i, err)
				continue
			}
			want := stdDecode(t, ev)
			if !reflect.DeepEqual(any(got), want) {
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				t.Errorf("%s event %d: rebuilt event differs\n got: %s\nwant: %s\nextra: %s", p, i, gj, wj, row.Extra)
			}
			total++
			if row.Extra != "" {
				withExtra++
			}
		}
	}
	t.Logf("%d events round-tripped, %d with _extra", total, withExtra)
	if total < 900 {
		t.Errorf("only %d events decoded from the corpus; expected about 970 counted over all its files", total)
	}
}
