package fn

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// likeRegexp is the reference: LIKE as an anchored regular expression.
func likeRegexp(pattern string, escape rune) (*regexp.Regexp, bool) {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case escape != 0 && r == escape:
			if i+1 >= len(rs) {
				return nil, false
			}
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		case r == '%':
			b.WriteString(`.*`)
		case r == '_':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()), true
}

func FuzzLike(f *testing.F) {
	for _, c := range [][2]string{
		{"abc", "a%"}, {"abc", "%b%"}, {"abc", "_b_"}, {"a_c", `a\_c`}, {"aXc", `a\_c`}, {"", "%"}, {"", ""},
		{"abcabc", "%bc%bc"}, {"abab", "a%b%b"}, {"héllo", "h_llo"}, {"a%b", `a\%b`}, {"mississippi", "%ss%ss%"},
		{"aaa", "%a%a%a%a"}, {`a\b`, `a\\b`},
	} {
		f.Add(c[0], c[1], true)
		f.Add(c[0], c[1], false)
	}
	f.Fuzz(func(t *testing.T, s, pattern string, useEscape bool) {
		if !utf8.ValidString(s) || !utf8.ValidString(pattern) {
			return // lake text is valid UTF-8 (it comes from JSON)
		}
		var esc rune
		if useEscape {
			esc = '\\'
		}
		m, err := LikeMatcher(pattern, esc)
		re, ok := likeRegexp(pattern, esc)
		if (err == nil) != ok {
			t.Fatalf("pattern %q: matcher error %v, reference ok %v", pattern, err, ok)
		}
		if err != nil {
			return
		}
		if got, want := m(s), re.MatchString(s); got != want {
			t.Fatalf("%q LIKE %q (escape %v): got %v, want %v", s, pattern, useEscape, got, want)
		}
	})
}
