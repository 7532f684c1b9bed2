package fn

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"
)

// referenceScalar is json_extract_scalar by the standard library: decode
// the whole document, walk the path, render the scalar.
func referenceScalar(doc string, steps []pathStep) (string, bool) {
	d := json.NewDecoder(bytes.NewReader([]byte(doc)))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil || d.More() {
		return "", false
	}
	for _, st := range steps {
		if st.index < 0 {
			m, ok := v.(map[string]any)
			if !ok {
				return "", false
			}
			if v, ok = m[st.key]; !ok {
				return "", false
			}
		} else {
			a, ok := v.([]any)
			if !ok || st.index >= len(a) {
				return "", false
			}
			v = a[st.index]
		}
	}
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

var jsonSeeds = []struct{ doc, path string }{
	{`{"a":{"b":1}}`, "$.a.b"},
	{`{"bucketName":"logs","key":"x/y"}`, "$.bucketName"},
	{`{"a":[1,{"b":"c"}]}`, "$.a[1].b"},
	{`{"a b":true,"c":null}`, `$["a b"]`},
	{`{"a":"x\"y\\z\u00e9"}`, "$.a"},
	{`{"k\u0065y":"escaped key"}`, "$.key"},
	{` { "a" : [ 1 , 2 , 3 ] } `, "$.a[2]"},
	{`{"a":{"a":{"a":-1.5e3}}}`, "$.a.a.a"},
	{`{"a":"}{][\",:"}`, "$.a"},
	{`{"x":{"y":[]},"a":"after"}`, "$.a"},
	{`[{"a":1},{"a":2}]`, "$[1].a"},
	{`{"a":1,"a":2}`, "$.a"},
}

func TestJSONPathMatchesReference(t *testing.T) {
	for _, c := range jsonSeeds {
		steps, err := parsePath(c.path)
		if err != nil {
			t.Fatal(err)
		}
		got, gok := scalarText(extractRaw(c.doc, steps))
		want, wok := referenceScalar(c.doc, steps)
		if c.doc == `{"a":1,"a":2}` {
			want, wok = "1", true // the first of duplicate keys, as Trino's parser reads it
		}
		if got != want || gok != wok {
			t.Errorf("%s on %s: got %q %v, want %q %v", c.path, c.doc, got, gok, want, wok)
		}
	}
}

func FuzzJSONPath(f *testing.F) {
	for _, c := range jsonSeeds {
		f.Add(c.doc, c.path)
	}
	f.Fuzz(func(t *testing.T, doc, path string) {
		steps, err := parsePath(path)
		if err != nil {
			return
		}
		got, gok := scalarText(extractRaw(doc, steps)) // must not panic on any text
		if !json.Valid([]byte(doc)) || hasDuplicateKeys(doc) {
			return
		}
		want, wok := referenceScalar(doc, steps)
		if gok != wok || got != want {
			t.Fatalf("%s on %s: got %q %v, want %q %v", path, doc, got, gok, want, wok)
		}
	})
}

// hasDuplicateKeys reports whether some object of doc repeats a key (the
// reference keeps the last, the scanner the first).
func hasDuplicateKeys(doc string) bool {
	d := json.NewDecoder(bytes.NewReader([]byte(doc)))
	var stack []map[string]bool
	var expectKey []bool
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		switch tok := tok.(type) {
		case json.Delim:
			switch tok {
			case '{':
				stack = append(stack, map[string]bool{})
				expectKey = append(expectKey, true)
				continue
			case '[':
				stack = append(stack, nil)
				expectKey = append(expectKey, false)
				continue
			default:
				stack, expectKey = stack[:len(stack)-1], expectKey[:len(expectKey)-1]
			}
		case string:
			if n := len(stack); n > 0 && stack[n-1] != nil && expectKey[n-1] {
				if stack[n-1][tok] {
					return true
				}
				stack[n-1][tok] = true
				expectKey[n-1] = false
				continue
			}
		}
		if n := len(stack); n > 0 && stack[n-1] != nil {
			expectKey[n-1] = true
		}
	}
}
