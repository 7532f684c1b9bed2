package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/record"
)

// transcript decodes and flattens each input in turn with one reused
// decoder and flattener (the current code, or the reference copy in
// reference_test.go) and writes down everything observable: events, item
// and fatal errors, rows, shape and digest counts.
// chunk > 0 makes the source return at most that many bytes per Read.
// fused uses Decoder.NextRow (not with ref), which must write the same.
func transcript(inputs [][]byte, ref bool, chunk int, fused bool) string {
	var b strings.Builder
	var (
		d  Decoder
		rd refDecoder
		f  Flattener
		rf refFlattener
	)
	for k, data := range inputs {
		fmt.Fprintf(&b, "== input %d\n", k)
		var src io.Reader = bytes.NewReader(data)
		if chunk > 0 {
			src = &chunkReader{src, chunk}
		}
		var err error
		if ref {
			err = rd.Reset(src)
		} else {
			err = d.Reset(src)
		}
		if err != nil {
			fmt.Fprintf(&b, "reset: %v\n", err)
			continue
		}
		for i := 0; i < 1000; i++ {
			var raw []byte
			var row record.Row
			if ref {
				raw, err = rd.Next()
			} else if fused {
				raw, err = d.NextRow(&f, &row)
			} else {
				raw, err = d.Next()
			}
			if err == io.EOF {
				b.WriteString("EOF\n")
				break
			}
			var ie *ItemError
			if errors.As(err, &ie) {
				fmt.Fprintf(&b, "item error %d: %v\n", ie.Index, err)
				continue
			}
			var fe *FlattenError
			if fused && errors.As(err, &fe) {
				fmt.Fprintf(&b, "event %q\n", raw)
				fmt.Fprintf(&b, "flatten error: %v\n", fe.Err)
				continue
			}
			if err != nil {
				fmt.Fprintf(&b, "fatal: %v (%T)\n", err, errors.Unwrap(err))
				break
			}
			fmt.Fprintf(&b, "event %q\n", raw)
			if ref {
				err = rf.Flatten(raw, &row)
			} else if !fused {
				err = f.Flatten(raw, &row)
			}
			if err != nil {
				fmt.Fprintf(&b, "flatten error: %v\n", err)
				continue
			}
			fmt.Fprintf(&b, "row %#v\n", row)
		}
		var cerr error
		if ref {
			fmt.Fprintf(&b, "shape %q digests %d compressed %v\n", rd.Shape, rd.Digests, rd.Compressed())
			cerr = rd.Close()
		} else {
			fmt.Fprintf(&b, "shape %q digests %d compressed %v\n", d.Shape, d.Digests, d.Compressed())
			cerr = d.Close()
		}
		fmt.Fprintf(&b, "close: %v\n", cerr)
	}
	return b.String()
}

type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

// checkSame compares the transcripts of the inputs read whole and in each
// chunk size.
func checkSame(t *testing.T, name string, chunks []int, inputs ...[]byte) {
	t.Helper()
	for _, chunk := range append([]int{0}, chunks...) {
		if chunk > 0 && chunk < 16 && (raceEnabled || len(bytes.Join(inputs, nil)) > 1<<16) {
			continue // slow, and covered by the larger chunks
		}
		want := transcript(inputs, true, chunk, false)
		got := transcript(inputs, false, chunk, false)
		if got != want {
			t.Fatalf("%s (read in chunks of %d): the current decoder and flattener differ from the reference\n%s", name, chunk, firstDiff(got, want))
		}
		if got := transcript(inputs, false, chunk, true); got != want {
			t.Fatalf("%s (read in chunks of %d): Decoder.NextRow differs from the reference\n%s", name, chunk, firstDiff(got, want))
		}
	}
}

func firstDiff(got, want string) string {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] != wl[i] {
			return fmt.Sprintf("line %d\n got: %s\nwant: %s", i+1, gl[i], wl[i])
		}
	}
	return fmt.Sprintf("lengths differ: got %d lines, want %d", len(gl), len(wl))
}

// equivInputs: the fixtures, the fuzz corpus and the shared real corpus.
func equivInputs(t testing.TB) (names []string, inputs [][]byte) {
	paths, _ := filepath.Glob("testdata/*")
	fz, _ := filepath.Glob("testdata/fuzz/*/*")
	paths = append(paths, fz...)
	if st, err := os.Stat(realDir); err == nil && st.IsDir() {
		filepath.WalkDir(realDir, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && !strings.HasSuffix(p, ".md") {
				paths = append(paths, p)
			}
			return nil
		})
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // a directory
		}
		if strings.Contains(p, "/fuzz/") {
			if data = fuzzValue(data); data == nil {
				continue
			}
		}
		names, inputs = append(names, p), append(inputs, data)
	}
	return names, inputs
}

// fuzzValue reads the one []byte of a "go test fuzz v1" corpus file.
func fuzzValue(file []byte) []byte {
	lines := strings.SplitN(string(file), "\n", 2)
	if len(lines) < 2 || lines[0] != "go test fuzz v1" {
		return nil
	}
	v := strings.TrimSpace(lines[1])
	if !strings.HasPrefix(v, "[]byte(") || !strings.HasSuffix(v, ")") {
		return nil
	}
	var s string
	if _, err := fmt.Sscanf(v[len("[]byte("):len(v)-1], "%q", &s); err != nil {
		return nil
	}
	return []byte(s)
}

// TestEquivalentToReference: on every fixture, every corpus file, and
// prefixes and one-byte edits of the small ones, the current code
// gives exactly what the reference gives.
func TestEquivalentToReference(t *testing.T) {
	names, inputs := equivInputs(t)
	for i, data := range inputs {
		chunks := []int{97, 4093}
		if len(data) < 1<<14 {
			chunks = append(chunks, 1)
		}
		checkSame(t, names[i], chunks, data)
	}
	checkSame(t, "all inputs through one decoder", []int{61}, inputs...)
	// Items around the sizes where the decoder stops looking for them whole
	// in its buffer, and bad ones after them.
	for _, n := range []int{200 << 10, 300 << 10, 900 << 10, 1100 << 10} {
		big := `{"eventName":"x","requestParameters":{"p":"` + strings.Repeat("a\\\"", n/3) + `"}}`
		doc := []byte(`{"Records":[` + big + `,` + big + `,{"eventName":1,"x":tru},` + big[:len(big)-3] + `]}`)
		checkSame(t, fmt.Sprintf("items of %d KiB", n>>10), []int{4093, 65536}, doc)
	}
	edits := []byte{'"', '\\', '{', '}', '[', ']', ',', ':', ' ', 0, 0x1f, 0x80, 0xff, 'u', 'n', '0', '-', 'e'}
	for i, data := range inputs {
		if len(data) > 4096 || bytes.HasPrefix(data, []byte{0x1f, 0x8b}) || (raceEnabled || testing.Short()) && i%8 != 0 {
			continue
		}
		for n := 0; n <= len(data); n += max(1, len(data)/64) {
			checkSame(t, fmt.Sprintf("%s cut at %d", names[i], n), []int{13}, data[:n])
		}
		step := max(1, len(data)/8)
		for n := 0; n < len(data); n += step {
			for _, c := range edits {
				m := bytes.Clone(data)
				m[n] = c
				checkSame(t, fmt.Sprintf("%s with byte %d = %q", names[i], n, c), nil, m)
			}
		}
	}
}

func addSeeds(f *testing.F) {
	_, inputs := equivInputs(f)
	for _, data := range inputs {
		if len(data) < 1<<20 {
			f.Add(data)
		}
	}
}

// FuzzEquivalence: for any bytes, the current decoder and flattener give
// exactly what the reference gives.
func FuzzEquivalence(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSame(t, "input", []int{1, 7, 100}, data)
	})
}

// FuzzFlatten: Flatten on any bytes accepts exactly what encoding/json
// accepts as one object, rebuilds it losslessly, and agrees with the
// reference in rows and errors; the scanners agree with theirs too.
func FuzzFlatten(f *testing.F) {
	addSeeds(f)
	f.Add([]byte(`{"eventName":"a\u00e9\ud83d\ude00","x":[1,-2.5e+3,true,null,{"y":"\\"}]}`))
	for _, s := range []string{
		`{"resources":[{"ARN":"a","ARN":"b"}, 1, {"x":[1]}, {"type": "\u00e9", "accountId": "\xff"}]}`,
		`{"resources":[ ]}`, `{"resources" : [ { "ARN" : "a" } , {} ] }`, `{"resources":[{"ARN":1}]}`,
		`{"resources":[{"ARN":"a"}],"resources":null}`, `{"resources":{"ARN":"a"}}`, `{"resources":[{"ARN":"a"}`,
		`{"userIdentity":{"type":"x","sessionContext":{"attributes":{}}},"userIdentity":{}}`,
		`{"eventTime":"2024-02-29T00:00:00Z","readOnly":"true","managementEvent":false,"requestParameters":{ "a" : [ 1 ] }}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fl Flattener
		var rf refFlattener
		var row, rrow record.Row
		err := fl.Flatten(data, &row)
		rerr := rf.Flatten(data, &rrow)
		if fmt.Sprint(err) != fmt.Sprint(rerr) {
			t.Fatalf("Flatten error %v, reference %v", err, rerr)
		}
		if err == nil {
			if g, w := fmt.Sprintf("%#v", row), fmt.Sprintf("%#v", rrow); g != w {
				t.Fatalf("Flatten row differs\n got: %s\nwant: %s", g, w)
			}
			if !json.Valid(data) {
				t.Fatalf("Flatten accepted invalid JSON %q", data)
			}
			checkRebuild(t, data, &row)
		}
		for i := 0; i < len(data) && i < 8; i++ {
			e1, esc1, high1, err1 := scanString(data, i)
			e2, esc2, high2, err2 := refScanString(data, i)
			if e1 != e2 || esc1 != esc2 || high1 != high2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
				t.Fatalf("scanString(%q, %d) = %d %v %v %v, reference %d %v %v %v", data, i, e1, esc1, high1, err1, e2, esc2, high2, err2)
			}
			v1, err1 := skipValue(data, i)
			v2, err2 := refSkipValue(data, i)
			if v1 != v2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
				t.Fatalf("skipValue(%q, %d) = %d %v, reference %d %v", data, i, v1, err1, v2, err2)
			}
		}
	})
}

// TestParseEventTimeSame: the fast path for canonical times agrees with
// time.Parse (through the reference) on every day of four years, on the
// edges of each field, and on random digit strings.
func TestParseEventTimeSame(t *testing.T) {
	check := func(s string) {
		ms, c, ok := parseEventTime(s)
		rms, rc, rok := refParseEventTime(s)
		if ms != rms || c != rc || ok != rok {
			t.Fatalf("parseEventTime(%q) = %d %v %v, reference %d %v %v", s, ms, c, ok, rms, rc, rok)
		}
	}
	for d := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2003; d = d.Add(24*time.Hour + 61*time.Second) {
		check(d.Format(CanonicalTimeLayout))
	}
	for _, y := range []string{"0000", "0001", "1900", "2000", "2100", "2400", "9999"} {
		for _, m := range []string{"00", "01", "02", "04", "12", "13", "1a", "-1"} {
			for _, dd := range []string{"00", "01", "28", "29", "30", "31", "32", "+1"} {
				for _, hms := range []string{"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1 :00:00", "00:0x:00"} {
					check(y + "-" + m + "-" + dd + "T" + hms + "Z")
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		b := []byte("2000-00-00T00:00:00Z")
		for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18} {
			b[i] = "0123456789"[rng.IntN(10)]
		}
		if rng.IntN(20) == 0 {
			b[rng.IntN(len(b))] = byte(rng.IntN(256))
		}
		check(string(b))
	}
}

// TestParseEventTimeForms: the forms of eventTime besides CloudTrail's own
// that are read as the instant they name, and text that is not a time.
func TestParseEventTimeForms(t *testing.T) {
	want := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC).UnixMilli()
	for s, ms := range map[string]int64{
		"2024-03-01T10:00:00Z":           want,
		"2024-03-01T10:00:00z":           want,
		"2024-03-01t10:00:00Z":           want,
		"2024-03-01t10:00:00.250z":       want + 250,
		"2024-03-01T12:00:00+02:00":      want,
		"2024-03-01T10:00:00.123456789Z": want + 123,
		"2024-03-01 10:00:00":            want,
		"20240301T100000Z":               want,
	} {
		got, canonical, ok := parseEventTime(s)
		if !ok || got != ms || canonical != (s == "2024-03-01T10:00:00Z") {
			t.Errorf("parseEventTime(%q) = %d, %v, %v; want %d", s, got, canonical, ok, ms)
		}
	}
	for _, s := range []string{"", "2024-03-01", "yesterday", "2024-03-01x10:00:00Z", "2024-13-01T10:00:00Z"} {
		if _, _, ok := parseEventTime(s); ok {
			t.Errorf("parseEventTime(%q) parsed", s)
		}
	}
}
