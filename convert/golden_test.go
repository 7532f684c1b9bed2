package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/trailhouse/trailhouse/internal/record"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden")

// render writes a readable, stable description of what one object decodes
// and flattens to.
func render(t *testing.T, data []byte) string {
	t.Helper()
	var b strings.Builder
	d, err := NewDecoder(bytes.NewReader(data))
	if err != nil {
		fmt.Fprintf(&b, "open error: %v\n", err)
		return b.String()
	}
	var f Flattener
	var row record.Row
	n := 0
	for {
		raw, err := d.Next()
		if err == io.EOF {
			break
		}
		var ie *ItemError
		if errors.As(err, &ie) {
			fmt.Fprintf(&b, "item error: %v\n", err)
			continue
		}
		if err != nil {
			fmt.Fprintf(&b, "fatal: %v\n", err)
			break
		}
		n++
		if err := f.Flatten(raw, &row); err != nil {
			fmt.Fprintf(&b, "event %d: flatten error: %v\n", n, err)
			continue
		}
		fmt.Fprintf(&b, "event %d:\n", n)
		for _, c := range record.All() {
			if v, ok := columnText(&row, c); ok {
				fmt.Fprintf(&b, "  %s = %s\n", c.Name, v)
			}
		}
		checkRebuild(t, raw, &row)
	}
	fmt.Fprintf(&b, "shape: %s, digests: %d, compressed: %v\n", d.Shape, d.Digests, d.Compressed())
	return b.String()
}

// columnText renders one column of a row, or false when it is NULL.
func columnText(r *record.Row, c record.Column) (string, bool) {
	for i := range record.StrColumns {
		if record.StrColumns[i].Name == c.Name {
			v, ok := r.Get(i)
			return fmt.Sprintf("%q", v), ok
		}
	}
	switch c.Name {
	case record.ColEventTime:
		return FormatEventTime(r.EventTime), r.HasTime
	case record.ColReadOnly:
		return fmt.Sprint(r.ReadOnly == record.True), r.ReadOnly != record.Null
	case record.ColManagementEvent:
		return fmt.Sprint(r.ManagementEvent == record.True), r.ManagementEvent != record.Null
	case record.ColExtra:
		return r.Extra, r.Extra != ""
	case record.ColSource:
		return "", false
	}
	if r.Resources == nil {
		return "", false
	}
	f := map[string]int{record.ColResourcesARN: record.ResourceARN, record.ColResourcesAcct: record.ResourceAccountID, record.ColResourcesType: record.ResourceType}[c.Name]
	var els []string
	for _, res := range r.Resources {
		if res.Set&(1<<f) != 0 {
			els = append(els, fmt.Sprintf("%q", res.F[f]))
		} else {
			els = append(els, "NULL")
		}
	}
	return "[" + strings.Join(els, ", ") + "]", true
}

func checkRebuild(t *testing.T, raw []byte, row *record.Row) {
	t.Helper()
	got, err := Rebuild(row)
	if err != nil {
		t.Errorf("rebuild: %v", err)
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		t.Errorf("reference decoder: %v", err)
		return
	}
	if !reflect.DeepEqual(any(got), want) {
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		t.Errorf("rebuilt event differs\n got: %s\nwant: %s", gj, wj)
	}
}

// TestGolden decodes each fixture in testdata and compares the result with
// testdata/golden/NAME.golden (go test ./convert -run Golden -update rewrites).
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, p := range files {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			continue
		}
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got := render(t, data)
			gp := filepath.Join("testdata", "golden", name+".golden")
			if *update {
				os.MkdirAll(filepath.Dir(gp), 0o755)
				if err := os.WriteFile(gp, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gp)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if got != string(want) {
				t.Errorf("decoding %s differs from %s:\n--- got\n%s--- want\n%s", name, gp, got, want)
			}
		})
	}
}

// FuzzDecode: any bytes decode without panicking or looping, and every
// event the decoder yields flattens and rebuilds to what encoding/json reads.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*")
	if st, err := os.Stat(realDir); err == nil && st.IsDir() {
		more, _ := filepath.Glob(realDir + "/*/*")
		seeds = append(seeds, more...)
	}
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil && len(b) < 1<<20 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := NewDecoder(bytes.NewReader(data))
		if err != nil {
			return
		}
		var fl Flattener
		var row record.Row
		for i := 0; i < 100000; i++ {
			raw, err := d.Next()
			if err == io.EOF {
				return
			}
			var ie *ItemError
			if errors.As(err, &ie) {
				continue
			}
			if err != nil {
				if _, again := d.Next(); again == nil {
					t.Fatal("decoder yielded an event after a fatal error")
				}
				return
			}
			if err := fl.Flatten(raw, &row); err != nil {
				if json.Valid(raw) {
					t.Fatalf("flatten rejects valid JSON %q: %v", raw, err)
				}
				continue
			}
			if !json.Valid(raw) {
				t.Fatalf("flatten accepted invalid JSON %q", raw)
			}
			checkRebuild(t, raw, &row)
		}
		t.Fatal("decoder did not finish")
	})
}
