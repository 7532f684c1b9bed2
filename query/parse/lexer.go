package parse

import (
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF     tokKind = iota
	tError           // a lexical error; token.err says what
	tIdent           // unquoted identifier or keyword; val is upper-cased
	tQuoted          // "quoted identifier"; val is unescaped
	tString          // 'string'; val is unescaped
	tUnicode         // U&'string'; val is the body with '' unescaped, Unicode escapes not yet decoded
	tBinary          // X'hex'; val holds the decoded bytes
	tInteger         // 123
	tDecimal         // 1.5, .5, 1.
	tDouble          // 1e3, 1.5E-3
	tPunct           // operators and punctuation; text is the operator
)

type token struct {
	kind tokKind
	text string // the exact source text
	val  string
	pos  Pos
	err  *Error
}

// lexer turns source text into tokens on demand. It never fails to make
// progress: every call consumes at least one byte or returns tEOF.
type lexer struct {
	src  string // the text to tokenize
	full string // the text src is a prefix of, for quoting source lines in errors
	off  int
	line int
	col  int
}

func newLexer(src string) *lexer {
	return &lexer{src: src, full: src, line: 1, col: 1}
}

func (l *lexer) pos() Pos { return Pos{Offset: l.off, Line: l.line, Column: l.col} }

// advance moves n bytes forward, keeping line and column current.
func (l *lexer) advance(n int) {
	end := l.off + n
	if end > len(l.src) {
		end = len(l.src)
	}
	for i := l.off; i < end; {
		c := l.src[i]
		switch {
		case c == '\n':
			l.line++
			l.col = 1
			i++
		case c < utf8.RuneSelf:
			l.col++
			i++
		default:
			_, size := utf8.DecodeRuneInString(l.src[i:])
			l.col++
			i += size
		}
	}
	l.off = end
}

func (l *lexer) peekByte(i int) byte {
	if l.off+i < len(l.src) {
		return l.src[l.off+i]
	}
	return 0
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isIdentByte(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_'
}

func (l *lexer) errTok(p Pos, format string, args ...any) token {
	return token{kind: tError, pos: p, err: newError(l.full, p, format, args...)}
}

// skipSpace skips whitespace and comments. It returns a non-nil token only
// for an unterminated block comment.
func (l *lexer) skipSpace() *token {
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			l.advance(1)
		case c == '-' && l.peekByte(1) == '-':
			n := strings.IndexByte(l.src[l.off:], '\n')
			if n < 0 {
				n = len(l.src) - l.off
			}
			l.advance(n)
		case c == '/' && l.peekByte(1) == '*':
			start := l.pos()
			n := strings.Index(l.src[l.off+2:], "*/")
			if n < 0 {
				t := l.errTok(start, "unterminated comment: \"/*\" has no closing \"*/\"")
				l.advance(len(l.src) - l.off)
				return &t
			}
			l.advance(n + 4)
		default:
			return nil
		}
	}
	return nil
}

// next returns the next token.
func (l *lexer) next() token {
	if t := l.skipSpace(); t != nil {
		return *t
	}
	start := l.pos()
	if l.off >= len(l.src) {
		return token{kind: tEOF, pos: start}
	}
	c := l.src[l.off]
	switch {
	case (c == 'u' || c == 'U') && l.peekByte(1) == '&' && l.peekByte(2) == '\'':
		l.advance(2)
		t := l.quoted('\'', start, "string literal")
		if t.kind == tString {
			t.kind = tUnicode
			t.text = l.src[start.Offset:l.off]
		}
		return t
	case (c == 'x' || c == 'X') && l.peekByte(1) == '\'':
		l.advance(1)
		t := l.quoted('\'', start, "binary literal")
		if t.kind != tString {
			return t
		}
		t.text = l.src[start.Offset:l.off]
		return l.binary(t)
	case isLetter(c) || c == '_':
		n := 1
		for l.off+n < len(l.src) && isIdentByte(l.src[l.off+n]) {
			n++
		}
		text := l.src[l.off : l.off+n]
		l.advance(n)
		return token{kind: tIdent, text: text, val: upper(text), pos: start}
	case isDigit(c) || c == '.' && isDigit(l.peekByte(1)):
		return l.number(start)
	case c == '\'':
		return l.quoted('\'', start, "string literal")
	case c == '"':
		t := l.quoted('"', start, "quoted identifier")
		if t.kind == tString {
			t.kind = tQuoted
			if t.val == "" {
				return l.errTok(start, "zero-length quoted identifier \"\"")
			}
		}
		return t
	case c == '`':
		l.advance(1)
		return l.errTok(start, "backquoted identifiers are not supported: use double quotes, as in \"name\"")
	}
	if l.off+1 < len(l.src) {
		switch two := l.src[l.off : l.off+2]; two {
		case "<=", ">=", "<>", "!=", "||", "->", "=>":
			l.advance(2)
			return token{kind: tPunct, text: two, pos: start}
		}
	}
	switch c {
	case '(', ')', '[', ']', ',', '.', ';', '+', '-', '*', '/', '%', '=', '<', '>', '?', ':':
		l.advance(1)
		return token{kind: tPunct, text: l.src[start.Offset:l.off], pos: start}
	case '|':
		l.advance(1)
		return l.errTok(start, "unexpected character '|' (concatenation is ||)")
	case '!':
		l.advance(1)
		return l.errTok(start, "unexpected character '!' (not-equal is != or <>, negation is NOT)")
	}
	r, size := utf8.DecodeRuneInString(l.src[l.off:])
	l.advance(size)
	if r == utf8.RuneError {
		return l.errTok(start, "invalid UTF-8 in query text")
	}
	if r > 127 {
		return l.errTok(start, "unexpected character %q: identifiers with non-ASCII letters must be double-quoted", r)
	}
	return l.errTok(start, "unexpected character %q", r)
}

// quoted scans a literal delimited by q, where a doubled q stands for one.
// l.off is at the opening quote. It returns a tString token.
func (l *lexer) quoted(q byte, start Pos, what string) token {
	body := l.off + 1
	i := body
	escaped := false
	for {
		n := strings.IndexByte(l.src[i:], q)
		if n < 0 {
			l.advance(len(l.src) - l.off)
			return l.errTok(start, "unterminated %s: no closing %c for the one opened here", what, q)
		}
		i += n
		if i+1 < len(l.src) && l.src[i+1] == q {
			escaped = true
			i += 2
			continue
		}
		break
	}
	val := l.src[body:i]
	if escaped {
		val = strings.ReplaceAll(val, string([]byte{q, q}), string(q))
	}
	l.advance(i + 1 - l.off)
	return token{kind: tString, text: l.src[start.Offset:l.off], val: val, pos: start}
}

func (l *lexer) binary(t token) token {
	hex := make([]byte, 0, len(t.val))
	for i := 0; i < len(t.val); i++ {
		c := t.val[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F':
			hex = append(hex, c)
		default:
			return l.errTok(t.pos, "binary literal may hold only hexadecimal digits, found %q", c)
		}
	}
	if len(hex)%2 != 0 {
		return l.errTok(t.pos, "binary literal must have an even number of hexadecimal digits")
	}
	out := make([]byte, len(hex)/2)
	for i := range out {
		out[i] = unhex(hex[2*i])<<4 | unhex(hex[2*i+1])
	}
	t.kind = tBinary
	t.val = string(out)
	return t
}

func unhex(c byte) byte {
	switch {
	case isDigit(c):
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func (l *lexer) number(start Pos) token {
	s := l.src
	i := l.off
	kind := tInteger
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' {
		kind = tDecimal
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			kind = tDouble
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	if i < len(s) && isIdentByte(s[i]) {
		j := i
		for j < len(s) && isIdentByte(s[j]) {
			j++
		}
		if j == i || kind != tInteger {
			l.advance(max(j, i+1) - l.off)
			return l.errTok(start, "malformed number %q", s[start.Offset:l.off])
		}
		l.advance(j - l.off)
		return l.errTok(start, "identifiers must not start with a digit: double-quote it, as in \"%s\"", s[start.Offset:l.off])
	}
	text := s[l.off:i]
	l.advance(i - l.off)
	return token{kind: kind, text: text, val: text, pos: start}
}

// upper upper-cases ASCII letters, returning s itself when it has none to change.
func upper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'a' && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// lower lower-cases ASCII letters, returning s itself when it has none to change.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
