package record

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the column table in docs/schema.md")

const schemaDoc = "../../docs/schema.md"

func renderColumns() string {
	var b strings.Builder
	b.WriteString("| # | column | type | CloudTrail source | encoding |\n|---|---|---|---|---|\n")
	for i, c := range All() {
		src := "`" + strings.Join(c.Path, ".") + "`"
		switch c.Name {
		case ColExtra:
			src = "everything that did not fit a typed column (see below)"
		case ColSource:
			src = "the object key the row came from"
		}
		if c.Kind == StringList {
			src = "`resources[]." + c.Path[0] + "`"
		}
		var enc []string
		if c.Dict {
			enc = append(enc, "dictionary")
		} else {
			enc = append(enc, "plain")
		}
		if c.Bloom {
			enc = append(enc, "bloom filter")
		}
		fmt.Fprintf(&b, "| %d | `%s` | %s | %s | %s |\n", i+1, c.Name, c.Kind, src, strings.Join(enc, ", "))
	}
	return b.String()
}

// TestSchemaDocMatchesColumns keeps docs/schema.md true; run with -update to
// rewrite its table after changing the columns.
func TestSchemaDocMatchesColumns(t *testing.T) {
	doc, err := os.ReadFile(schemaDoc)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- columns:begin -->\n", "<!-- columns:end -->"
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the column table markers", schemaDoc)
	}
	want := renderColumns()
	if got := s[i+len(begin) : j]; got != want {
		if *update {
			if err := os.WriteFile(schemaDoc, []byte(s[:i+len(begin)]+want+s[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("docs/schema.md column table is out of date; run: go test ./internal/record -run SchemaDoc -update")
	}
}

func TestColumnNamesUnique(t *testing.T) {
	seen := map[string]bool{PartAccount: true, PartRegion: true, PartDate: true}
	for _, c := range All() {
		if seen[c.Name] || c.Name != strings.ToLower(c.Name) {
			t.Errorf("column name %q repeated or not lower case", c.Name)
		}
		seen[c.Name] = true
	}
}

func TestRowBinaryRoundTrip(t *testing.T) {
	var r Row
	r.SetStr(EventID, "id")
	r.SetStr(RequestParameters, `{"a":"ü"}`)
	r.SetStr(ErrorCode, "")
	r.EventTime, r.HasTime = -5, true
	r.ReadOnly, r.ManagementEvent = True, False
	r.Resources = []Resource{{F: [3]string{"arn", "", "t"}, Set: 0b101}, {}}
	r.Extra, r.Source = `{"x":null}`, "k"
	b := r.AppendBinary([]byte("prefix"))[len("prefix"):]
	var got Row
	n, err := got.DecodeBinary(append(b, "trailing"...))
	if err != nil || n != len(b) {
		t.Fatalf("decode: n=%d err=%v", n, err)
	}
	if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", r) {
		t.Errorf("round trip differs:\n got %#v\nwant %#v", got, r)
	}
	for cut := 0; cut < len(b); cut++ {
		if _, err := got.DecodeBinary(b[:cut]); err == nil {
			t.Errorf("truncated encoding (%d of %d bytes) decoded without error", cut, len(b))
		}
	}
}
