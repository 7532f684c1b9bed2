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
	for _, dir := range []string{"testdata", filepath.Join("testdata", "errors")} {
		for _, src := range corpus(f, dir) {
			f.Add(src)
		}
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
