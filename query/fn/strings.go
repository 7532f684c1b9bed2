package fn

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/trailhouse/trailhouse/query/vec"
)

var (
	tV = vec.TVarchar
	tI = vec.TBigint
	tB = vec.TBoolean
	tD = vec.TDouble
)

func init() {
	register("lower", fixed("lower", tV, strToStr(func(s string) (string, bool) { return strings.ToLower(s), true }), tV))
	register("upper", fixed("upper", tV, strToStr(func(s string) (string, bool) { return strings.ToUpper(s), true }), tV))
	register("trim", overloads("trim",
		fixed("trim", tV, strToStr(func(s string) (string, bool) { return strings.TrimFunc(s, javaSpace), true }), tV),
		fixed("trim", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			return strings.Trim(x[0].(string), x[1].(string)), nil
		}), tV, tV)))
	register("ltrim", overloads("ltrim",
		fixed("ltrim", tV, strToStr(func(s string) (string, bool) { return strings.TrimLeftFunc(s, javaSpace), true }), tV),
		fixed("ltrim", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			return strings.TrimLeft(x[0].(string), x[1].(string)), nil
		}), tV, tV)))
	register("rtrim", overloads("rtrim",
		fixed("rtrim", tV, strToStr(func(s string) (string, bool) { return strings.TrimRightFunc(s, javaSpace), true }), tV),
		fixed("rtrim", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			return strings.TrimRight(x[0].(string), x[1].(string)), nil
		}), tV, tV)))
	register("reverse", fixed("reverse", tV, strToStr(func(s string) (string, bool) {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return string(r), true
	}), tV))
	register("length", overloads("length",
		fixed("length", tI, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
			out := &vec.Vector{T: tI, Len: n, I: make([]int64, n), Null: a[0].Null}
			for i, s := range a[0].S {
				out.I[i] = int64(utf8.RuneCountInString(s))
			}
			return out, nil
		}, tV)))
	substr := func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tV, Len: n, S: make([]string, n), Null: nullsOf(n, a...)}
		for i := 0; i < n; i++ {
			if isNull(out.Null, i) {
				continue
			}
			l := int64(-1)
			if len(a) > 2 {
				if l = a[2].I[i]; l < 0 {
					return nil, fmt.Errorf("%w: substr length %d is negative", ErrValue, l)
				}
			}
			out.S[i] = substrOf(a[0].S[i], a[1].I[i], l)
		}
		return out, nil
	}
	for _, name := range []string{"substr", "substring"} {
		register(name, overloads(name,
			fixed(name, tV, substr, tV, tI),
			fixed(name, tV, substr, tV, tI, tI)))
	}
	// strpos(s, sub[, instance]): the position of the instance-th match.
	register("strpos", overloads("strpos",
		fixed("strpos", tI, strStrTo(tI, func(out *vec.Vector, i int, s, sub string) {
			out.I[i] = runeIndex(s, sub)
		}), tV, tV),
		fixed("strpos", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
			s, sub, k := x[0].(string), x[1].(string), x[2].(int64)
			if k == 0 {
				return nil, fmt.Errorf("%w: strpos: the instance must be a positive or negative number", ErrValue)
			}
			if k < 0 {
				// From the end: the -k-th instance counting back, which may
				// overlap the one after it.
				end := len(s)
				for {
					i := strings.LastIndex(s[:end], sub)
					if i < 0 {
						return int64(0), nil
					}
					if k++; k == 0 || sub == "" {
						return int64(utf8.RuneCountInString(s[:i]) + 1), nil
					}
					end = i + len(sub) - 1
					if end < 0 {
						return int64(0), nil
					}
				}
			}
			from := 0
			for {
				i := strings.Index(s[from:], sub)
				if i < 0 {
					return int64(0), nil
				}
				if k--; k == 0 || sub == "" {
					return int64(utf8.RuneCountInString(s[:from+i]) + 1), nil
				}
				// The next instance may overlap this one: Trino searches
				// again from the next character.
				_, w := utf8.DecodeRuneInString(s[from+i:])
				from += i + max(w, 1)
				if from > len(s) {
					return int64(0), nil
				}
			}
		}), tV, tV, tI)))

	register("$position", fixed("position", tI, strStrTo(tI, func(out *vec.Vector, i int, sub, s string) {
		out.I[i] = runeIndex(s, sub)
	}), tV, tV))
	register("starts_with", fixed("starts_with", tB, strStrTo(tB, func(out *vec.Vector, i int, s, p string) {
		out.B[i] = strings.HasPrefix(s, p)
	}), tV, tV))
	register("ends_with", fixed("ends_with", tB, strStrTo(tB, func(out *vec.Vector, i int, s, p string) {
		out.B[i] = strings.HasSuffix(s, p)
	}), tV, tV))
	register("split_part", fixed("split_part", tV, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tV, Len: n, S: make([]string, n), Null: nullsOf(n, a...)}
		for i := 0; i < n; i++ {
			if isNull(out.Null, i) {
				continue
			}
			idx := a[2].I[i]
			if idx < 1 {
				return nil, fmt.Errorf("%w: split_part index %d must be at least 1", ErrValue, idx)
			}
			part, ok := splitPart(a[0].S[i], a[1].S[i], idx)
			if !ok {
				out.SetNull(i)
				continue
			}
			out.S[i] = part
		}
		return out, nil
	}, tV, tV, tI))
	// split(s, d[, limit]): with a limit, at most limit parts, the last
	// holding the rest of s.
	split := func(_ *Ctx, x []any) (any, error) {
		limit := int64(-1)
		if len(x) == 3 {
			if limit = x[2].(int64); limit <= 0 {
				return nil, fmt.Errorf("%w: split: limit must be positive", ErrValue)
			}
			limit = min(limit, math.MaxInt32)
		}
		parts := strings.SplitN(x[0].(string), x[1].(string), int(limit))
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out, nil
	}
	register("split", overloads("split",
		fixed("split", vec.ArrayOf(tV), rowwise(vec.ArrayOf(tV), false, split), tV, tV),
		fixed("split", vec.ArrayOf(tV), rowwise(vec.ArrayOf(tV), false, split), tV, tV, tI)))
	register("replace", overloads("replace",
		fixed("replace", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			return strings.ReplaceAll(x[0].(string), x[1].(string), ""), nil
		}), tV, tV),
		fixed("replace", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			return strings.ReplaceAll(x[0].(string), x[1].(string), x[2].(string)), nil
		}), tV, tV, tV)))
	pad := func(left bool) Kernel {
		return rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			s, n, p := []rune(x[0].(string)), int(x[1].(int64)), []rune(x[2].(string))
			if n < 0 || len(p) == 0 {
				return nil, fmt.Errorf("%w: pad to %d with %q", ErrValue, n, string(p))
			}
			if len(s) >= n {
				return string(s[:n]), nil
			}
			fill := make([]rune, 0, n-len(s))
			for len(fill) < n-len(s) {
				fill = append(fill, p[len(fill)%len(p)])
			}
			if left {
				return string(fill) + string(s), nil
			}
			return string(s) + string(fill), nil
		})
	}
	register("lpad", fixed("lpad", tV, pad(true), tV, tI, tV))
	register("rpad", fixed("rpad", tV, pad(false), tV, tI, tV))
	register("chr", fixed("chr", tV, rowwise(tV, false, func(_ *Ctx, x []any) (any, error) { return string(rune(x[0].(int64))), nil }), tI))
	register("codepoint", fixed("codepoint", tI, rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
		r, _ := utf8.DecodeRuneInString(x[0].(string))
		return int64(r), nil
	}), tV))

	register("regexp_like", fixed("regexp_like", tB, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tB, Len: n, B: make([]bool, n), Null: nullsOf(n, a...)}
		var last string
		var re *regexp.Regexp
		for i := 0; i < n; i++ {
			if isNull(out.Null, i) {
				continue
			}
			if re == nil || a[1].S[i] != last {
				var err error
				if re, err = compileRegex(a[1].S[i]); err != nil {
					return nil, err
				}
				last = a[1].S[i]
			}
			out.B[i] = re.MatchString(a[0].S[i])
		}
		return out, nil
	}, tV, tV))
	extract := func(re *regexp.Regexp, x []any) (any, error) {
		g := int64(0)
		if len(x) > 2 {
			g = x[2].(int64)
		}
		if g < 0 || int(g) > re.NumSubexp() {
			return nil, fmt.Errorf("%w: pattern has %d groups, not %d", ErrValue, re.NumSubexp(), g)
		}
		m := re.FindStringSubmatchIndex(x[0].(string))
		if m == nil || m[2*g] < 0 {
			return nil, nil
		}
		return x[0].(string)[m[2*g]:m[2*g+1]], nil
	}
	register("regexp_extract", overloads("regexp_extract",
		fixed("regexp_extract", tV, regexKernel(tV, extract), tV, tV),
		fixed("regexp_extract", tV, regexKernel(tV, extract), tV, tV, tI)))
	extractAll := func(re *regexp.Regexp, x []any) (any, error) {
		g := int64(0)
		if len(x) > 2 {
			g = x[2].(int64)
		}
		if g < 0 || int(g) > re.NumSubexp() {
			return nil, fmt.Errorf("%w: pattern has %d groups, not %d", ErrValue, re.NumSubexp(), g)
		}
		ms := re.FindAllStringSubmatchIndex(x[0].(string), -1)
		out := make([]any, len(ms))
		for i, m := range ms {
			if m[2*g] >= 0 {
				out[i] = x[0].(string)[m[2*g]:m[2*g+1]]
			} // a group that took no part in the match is NULL
		}
		return out, nil
	}
	register("regexp_extract_all", overloads("regexp_extract_all",
		fixed("regexp_extract_all", vec.ArrayOf(tV), regexKernel(vec.ArrayOf(tV), extractAll), tV, tV),
		fixed("regexp_extract_all", vec.ArrayOf(tV), regexKernel(vec.ArrayOf(tV), extractAll), tV, tV, tI)))
	replace := func(re *regexp.Regexp, x []any) (any, error) {
		repl := ""
		if len(x) > 2 {
			// Trino's $1 back-references match Go's ${1}.
			repl = dollarRef.ReplaceAllString(x[2].(string), "$${$1}")
		}
		return re.ReplaceAllString(x[0].(string), repl), nil
	}
	register("regexp_replace", overloads("regexp_replace",
		fixed("regexp_replace", tV, regexKernel(tV, replace), tV, tV),
		fixed("regexp_replace", tV, regexKernel(tV, replace), tV, tV, tV)))
}

var dollarRef = regexp.MustCompile(`\$(\d+)`)

// regexCache holds compiled patterns; analysts' patterns are few.
var regexCache sync.Map

func compileRegex(p string) (*regexp.Regexp, error) {
	if re, ok := regexCache.Load(p); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("%w: bad regular expression %q: %v", ErrValue, p, err)
	}
	regexCache.Store(p, re)
	return re, nil
}

// regexKernel runs f with the compiled pattern of argument 1.
//
// Results are memoised within a batch by the row's other arguments: log
// values repeat (one ARN, one user agent, many rows), and a regular
// expression costs far more than a map lookup.
func regexKernel(ret *vec.Type, f func(re *regexp.Regexp, x []any) (any, error)) Kernel {
	inner := rowwise(ret, false, func(_ *Ctx, x []any) (any, error) {
		re, err := compileRegex(x[1].(string))
		if err != nil {
			return nil, err
		}
		return f(re, x)
	})
	return func(c *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		// Evaluate each distinct (text, pattern, group) once, then spread.
		type key struct {
			s, p string
			g    int64
		}
		firsts := make(map[key]int32, 64)
		idx := make([]int32, n) // row -> distinct row
		var distinct []int32
		for i := 0; i < n; i++ {
			k := key{}
			if !a[0].IsNull(i) {
				k.s = a[0].S[i]
			} else {
				k.s = "\x00null"
			}
			if !a[1].IsNull(i) {
				k.p = a[1].S[i]
			}
			if len(a) > 2 && !a[2].IsNull(i) {
				if a[2].T.Kind == vec.Bigint {
					k.g = a[2].I[i]
				} else {
					k.p += "\x00" + a[2].S[i]
				}
			}
			j, ok := firsts[k]
			if !ok || (a[0].IsNull(i) != a[0].IsNull(int(distinct[j]))) {
				j = int32(len(distinct))
				firsts[k] = j
				distinct = append(distinct, int32(i))
			}
			idx[i] = j
		}
		if len(distinct) == n {
			return inner(c, a, n)
		}
		sub := make([]*vec.Vector, len(a))
		for k, v := range a {
			sub[k] = v.Take(distinct)
		}
		out, err := inner(c, sub, len(distinct))
		if err != nil {
			return nil, err
		}
		return out.Take(idx), nil
	}
}

// LikeMatcher compiles a LIKE pattern with an optional escape character.
func LikeMatcher(pattern string, escape rune) (func(string) bool, error) {
	// Fast forms: exact, prefix%, %suffix, %infix%.
	if escape == 0 && !strings.ContainsAny(pattern, "_") {
		core := strings.Trim(pattern, "%")
		if !strings.Contains(core, "%") {
			pre, suf := strings.HasPrefix(pattern, "%"), strings.HasSuffix(pattern, "%")
			switch {
			case pre && suf && len(pattern) >= 2:
				return func(s string) bool { return strings.Contains(s, core) }, nil
			case pre:
				return func(s string) bool { return strings.HasSuffix(s, core) }, nil
			case suf:
				return func(s string) bool { return strings.HasPrefix(s, core) }, nil
			default:
				return func(s string) bool { return s == core }, nil
			}
		}
	}
	if m, ok := wildcardMatcher(pattern, escape); ok {
		return m, nil
	}
	return nil, fmt.Errorf("%w: LIKE pattern %q ends with the escape character", ErrValue, pattern)
}

func init() {
	like := func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tB, Len: n, B: make([]bool, n), Null: nullsOf(n, a...)}
		var last string
		var m func(string) bool
		for i := 0; i < n; i++ {
			if isNull(out.Null, i) {
				continue
			}
			p := a[1].S[i]
			var esc rune
			if len(a) > 2 {
				esc, _ = utf8.DecodeRuneInString(a[2].S[i])
			}
			if m == nil || p != last {
				var err error
				if m, err = LikeMatcher(p, esc); err != nil {
					return nil, err
				}
				last = p
			}
			out.B[i] = m(a[0].S[i])
		}
		return out, nil
	}
	register("$like", overloads("LIKE", fixed("LIKE", tB, like, tV, tV), fixed("LIKE", tB, like, tV, tV, tV)))
}

// runeIndex is strpos: the 1-based character position of sub in s, or 0.
func runeIndex(s, sub string) int64 {
	i := strings.Index(s, sub)
	if i < 0 {
		return 0
	}
	return int64(utf8.RuneCountInString(s[:i]) + 1)
}

// strStrTo builds a kernel over two text arguments that sets out's value i;
// NULL in either gives NULL.
func strStrTo(ret *vec.Type, f func(out *vec.Vector, i int, a, b string)) Kernel {
	return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := vec.New(ret, n)
		out.Null = nullsOf(n, a...)
		x, y := a[0].S, a[1].S
		for i := 0; i < n; i++ {
			if !isNull(out.Null, i) {
				f(out, i, x[i], y[i])
			}
		}
		return out, nil
	}
}

// substrOf is substr(s, start[, length]) with Trino's rules: 1-based
// character positions, negative start counting from the end, length < 0
// meaning to the end.
func substrOf(s string, start, length int64) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		r := []rune(s)
		lo, hi, ok := substrBounds(int64(len(r)), start, length)
		if !ok {
			return ""
		}
		return string(r[lo:hi])
	}
	lo, hi, ok := substrBounds(int64(len(s)), start, length)
	if !ok {
		return ""
	}
	return s[lo:hi]
}

func substrBounds(n, start, length int64) (int64, int64, bool) {
	if start == 0 || start > n || -start > n {
		return 0, 0, false
	}
	if start < 0 {
		start = n + start + 1
	}
	end := n + 1
	if length >= 0 && start+length < end {
		end = start + length
	}
	return start - 1, end - 1, true
}

// splitPart is split_part: the idx-th (1-based) field of s cut at delim.
func splitPart(s, delim string, idx int64) (string, bool) {
	if delim == "" {
		return s, idx == 1
	}
	for k := int64(1); ; k++ {
		part, rest, found := strings.Cut(s, delim)
		if k == idx {
			return part, true
		}
		if !found {
			return "", false
		}
		s = rest
	}
}

// wildcardMatcher matches LIKE patterns without regular expressions: the
// pattern is cut at each % into segments (with _ matching any one
// character), the first anchored at the start, the last at the end, the
// others found left to right. It declines (false) patterns it cannot
// take: a dangling escape.
func wildcardMatcher(pattern string, escape rune) (func(string) bool, bool) {
	type seg struct {
		text []rune // '_' positions are wild
		wild []bool
	}
	var segs []seg
	cur := seg{}
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case escape != 0 && r == escape:
			if i+1 >= len(rs) {
				return nil, false
			}
			i++
			cur.text, cur.wild = append(cur.text, rs[i]), append(cur.wild, false)
		case r == '%':
			segs = append(segs, cur)
			cur = seg{}
		case r == '_':
			cur.text, cur.wild = append(cur.text, 0), append(cur.wild, true)
		default:
			cur.text, cur.wild = append(cur.text, r), append(cur.wild, false)
		}
	}
	segs = append(segs, cur)
	// matchAt reports whether segment g matches s (runes) at position p.
	matchAt := func(g seg, s []rune, p int) bool {
		if p+len(g.text) > len(s) {
			return false
		}
		for k, r := range g.text {
			if !g.wild[k] && s[p+k] != r {
				return false
			}
		}
		return true
	}
	asciiPattern := true
	for _, r := range rs {
		if r >= utf8.RuneSelf {
			asciiPattern = false
		}
	}
	bsegs := make([]byteSeg, len(segs)) // used for ASCII patterns only
	for i, g := range segs {
		bsegs[i].wild = g.wild
		for _, r := range g.text {
			bsegs[i].text = append(bsegs[i].text, byte(r))
		}
	}
	bytesMatch := bytesWildcard(bsegs)
	return func(str string) bool {
		if asciiPattern && isASCII(str) {
			return bytesMatch(str)
		}
		s := []rune(str)
		if len(segs) == 1 {
			return len(s) == len(segs[0].text) && matchAt(segs[0], s, 0)
		}
		first, last := segs[0], segs[len(segs)-1]
		if !matchAt(first, s, 0) {
			return false
		}
		pos := len(first.text)
		end := len(s) - len(last.text)
		if end < pos || !matchAt(last, s, end) {
			return false
		}
		for _, g := range segs[1 : len(segs)-1] {
			found := false
			for p := pos; p+len(g.text) <= end; p++ {
				if matchAt(g, s, p) {
					pos, found = p+len(g.text), true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// byteSeg is a LIKE segment over bytes (ASCII patterns and strings).
type byteSeg struct {
	text []byte
	wild []bool
}

// bytesWildcard is wildcardMatcher's algorithm over bytes, for ASCII text;
// segments without _ are found with strings.Index.
func bytesWildcard(segs []byteSeg) func(string) bool {
	plain := make([]bool, len(segs))
	for i, g := range segs {
		plain[i] = true
		for _, w := range g.wild {
			if w {
				plain[i] = false
			}
		}
	}
	matchAt := func(g byteSeg, s string, p int) bool {
		if p+len(g.text) > len(s) {
			return false
		}
		for k, c := range g.text {
			if !g.wild[k] && s[p+k] != c {
				return false
			}
		}
		return true
	}
	return func(s string) bool {
		if len(segs) == 1 {
			return len(s) == len(segs[0].text) && matchAt(segs[0], s, 0)
		}
		first, last := segs[0], segs[len(segs)-1]
		if !matchAt(first, s, 0) {
			return false
		}
		pos, end := len(first.text), len(s)-len(last.text)
		if end < pos || !matchAt(last, s, end) {
			return false
		}
		for k, g := range segs[1 : len(segs)-1] {
			if plain[k+1] {
				i := strings.Index(s[pos:end], string(g.text))
				if i < 0 {
					return false
				}
				pos += i + len(g.text)
				continue
			}
			found := false
			for p := pos; p+len(g.text) <= end; p++ {
				if matchAt(g, s, p) {
					pos, found = p+len(g.text), true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
}

// javaSpace is the whitespace trim, ltrim and rtrim remove, Trino's (Java's
// Character.isWhitespace): the Unicode space, line and paragraph
// separators except the no-break ones, and tab, line feed, vertical tab,
// form feed, carriage return and the four information separators.
func javaSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f':
		return false
	case '\t', '\n', '\v', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f':
		return true
	}
	return unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp)
}
