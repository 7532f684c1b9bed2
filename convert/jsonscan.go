package convert

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// syntaxError is a JSON syntax problem at a byte offset of the value being
// scanned.
type syntaxError struct {
	off    int
	format string // the message, formatted only when asked for: the
	args   []any  // decoder makes and drops these when probing the buffer
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.off, fmt.Sprintf(e.format, e.args...))
}

func errAt(off int, format string, args ...any) error {
	return &syntaxError{off: off, format: format, args: args}
}

// isWS takes one comparison for the bytes above ' ', which are nearly all.
func isWS(c byte) bool {
	return c <= ' ' && (1<<' '|1<<'\n'|1<<'\r'|1<<'\t')>>c&1 != 0
}

func skipWS(b []byte, i int) int {
	for i < len(b) && isWS(b[i]) {
		i++
	}
	return i
}

// scanString expects b[i] == '"' and returns the index after the closing
// quote, whether the string has escapes, and whether it has bytes >= 0x80.
func scanString(b []byte, i int) (end int, esc, high bool, err error) {
	j := i + 1
	for {
		// Skip to the next byte that is '"', '\\', a control byte or (until
		// one was seen) >= 0x80, 8 bytes at a time: this is the hottest loop
		// of the package.
		if !high {
			for ; j+8 <= len(b); j += 8 {
				w := binary.LittleEndian.Uint64(b[j:])
				if t := specialOrHighBytes(w); t != 0 {
					j += bits.TrailingZeros64(t) >> 3
					goto found
				}
			}
		} else {
			for ; j+8 <= len(b); j += 8 {
				w := binary.LittleEndian.Uint64(b[j:])
				if t := specialBytes(w); t != 0 {
					j += bits.TrailingZeros64(t) >> 3
					goto found
				}
			}
		}
		for ; j < len(b); j++ {
			if c := b[j]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 && !high {
				break
			}
		}
		if j >= len(b) {
			return 0, false, false, errAt(j, "unterminated string")
		}
	found:
		switch c := b[j]; {
		case c == '"':
			return j + 1, esc, high, nil
		case c == '\\':
			esc = true
			j++
			if j >= len(b) {
				return 0, false, false, errAt(j, "unterminated string")
			}
			switch b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(b) {
					return 0, false, false, errAt(j, "short \\u escape")
				}
				for k := 1; k <= 4; k++ {
					if !isHex(b[j+k]) {
						return 0, false, false, errAt(j+k, "bad \\u escape")
					}
				}
				j += 4
			default:
				return 0, false, false, errAt(j, "bad escape \\%c", b[j])
			}
			j++
		case c >= 0x80:
			high = true
			j++
		default:
			return 0, false, false, errAt(j, "control character in string")
		}
	}
}

// SWAR constants: each byte of a uint64 at once.
const (
	loBits = 0x0101010101010101
	hiBits = 0x8080808080808080
)

// specialBytes has the high bit set in each byte of w that is '"', '\\' or
// below 0x20. Bits above the lowest set one may be false positives (borrow
// propagation), so only the lowest set bit locates a byte; zero is exact.
// XOR with 0x02 maps '"' to 0x20 and keeps every byte below 0x20 below it,
// so one "less than 0x21" test finds both.
func specialBytes(w uint64) uint64 {
	q := w ^ (0x02 * loBits)
	s := w ^ ('\\' * loBits)
	return ((q-0x21*loBits)&^q | (s-loBits)&^s) & hiBits
}

// specialOrHighBytes is specialBytes that also flags the bytes >= 0x80,
// in fewer steps: such a byte is flagged by w itself, and so neither test
// needs to exclude it, and a borrow can only reach bytes above a flagged
// one, so the lowest set bit is exact (zero is exact too).
func specialOrHighBytes(w uint64) uint64 {
	q := w ^ (0x02 * loBits)
	s := w ^ ('\\' * loBits)
	return ((q - 0x21*loBits) | (s - loBits) | w) & hiBits
}

// nextQuoteOrBackslash returns the index of the first '"' or '\\' at or
// after j, or len(b).
func nextQuoteOrBackslash(b []byte, j int) int {
	for j+8 <= len(b) {
		w := binary.LittleEndian.Uint64(b[j:])
		q := w ^ ('"' * loBits)
		s := w ^ ('\\' * loBits)
		if t := ((q-loBits)&^q | (s-loBits)&^s) & hiBits; t != 0 {
			return j + bits.TrailingZeros64(t)>>3
		}
		j += 8
	}
	for ; j < len(b); j++ {
		if c := b[j]; c == '"' || c == '\\' {
			break
		}
	}
	return j
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// skipValue validates the JSON value starting at b[i] (no leading
// whitespace) and returns the index just after it.
func skipValue(b []byte, i int) (int, error) {
	var fl scanFlags
	return skipValueFlags(b, i, 0, &fl)
}

const maxDepth = 10000

func skipValueDepth(b []byte, i, depth int) (int, error) {
	var fl scanFlags
	return skipValueFlags(b, i, depth, &fl)
}

// scanFlags tell what skipValueFlags saw in a value.
type scanFlags uint8

const (
	sawWS   scanFlags = 1 << iota // whitespace between tokens: not compact
	sawHigh                       // a string with bytes >= 0x80: maybe not UTF-8
)

// skipWSFlags is skipWS, noting in fl whether it skipped anything.
func skipWSFlags(b []byte, i int, fl *scanFlags) int {
	if i < len(b) && isWS(b[i]) {
		*fl |= sawWS
		i = skipWS(b, i+1)
	}
	return i
}

// skipValueFlags is skipValueDepth that also notes in fl whether the value
// has whitespace or bytes >= 0x80.
func skipValueFlags(b []byte, i, depth int, fl *scanFlags) (int, error) {
	if i >= len(b) {
		return 0, errAt(i, "unexpected end of input")
	}
	if depth > maxDepth {
		return 0, errAt(i, "nesting too deep")
	}
	switch c := b[i]; {
	case c == '"':
		end, _, high, err := scanString(b, i)
		if high {
			*fl |= sawHigh
		}
		return end, err
	case c == '{':
		j := skipWSFlags(b, i+1, fl)
		if j < len(b) && b[j] == '}' {
			return j + 1, nil
		}
		for {
			if j >= len(b) || b[j] != '"' {
				return 0, errAt(j, "expected object key")
			}
			end, _, high, err := scanString(b, j)
			if err != nil {
				return 0, err
			}
			if high {
				*fl |= sawHigh
			}
			j = skipWSFlags(b, end, fl)
			if j >= len(b) || b[j] != ':' {
				return 0, errAt(j, "expected ':' after object key")
			}
			j = skipWSFlags(b, j+1, fl)
			if j, err = skipValueFlags(b, j, depth+1, fl); err != nil {
				return 0, err
			}
			j = skipWSFlags(b, j, fl)
			if j < len(b) && b[j] == ',' {
				j = skipWSFlags(b, j+1, fl)
				continue
			}
			if j < len(b) && b[j] == '}' {
				return j + 1, nil
			}
			return 0, errAt(j, "expected ',' or '}' in object")
		}
	case c == '[':
		j := skipWSFlags(b, i+1, fl)
		if j < len(b) && b[j] == ']' {
			return j + 1, nil
		}
		for {
			var err error
			if j, err = skipValueFlags(b, j, depth+1, fl); err != nil {
				return 0, err
			}
			j = skipWSFlags(b, j, fl)
			if j < len(b) && b[j] == ',' {
				j = skipWSFlags(b, j+1, fl)
				continue
			}
			if j < len(b) && b[j] == ']' {
				return j + 1, nil
			}
			return 0, errAt(j, "expected ',' or ']' in array")
		}
	case c == 't':
		return literal(b, i, "true")
	case c == 'f':
		return literal(b, i, "false")
	case c == 'n':
		return literal(b, i, "null")
	case c == '-' || c >= '0' && c <= '9':
		return skipNumber(b, i)
	default:
		return 0, errAt(i, "unexpected character %q", c)
	}
}

func literal(b []byte, i int, lit string) (int, error) {
	if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
		return i + len(lit), nil
	}
	return 0, errAt(i, "invalid literal")
}

func skipNumber(b []byte, i int) (int, error) {
	j := i
	if b[j] == '-' {
		j++
	}
	digits := func() int {
		k := j
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		return j - k
	}
	if j < len(b) && b[j] == '0' {
		j++
	} else if digits() == 0 {
		return 0, errAt(j, "invalid number")
	}
	if j < len(b) && b[j] == '.' {
		j++
		if digits() == 0 {
			return 0, errAt(j, "invalid number")
		}
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		j++
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if digits() == 0 {
			return 0, errAt(j, "invalid number")
		}
	}
	return j, nil
}

// forEachMember calls fn for each member of the object at b[i:] in order,
// validating the whole object, and returns the index after it. key is the
// decoded key, valid only during the call.
func forEachMember(b []byte, i int, fn func(key []byte, val []byte, voff int) error) (int, error) {
	if i >= len(b) || b[i] != '{' {
		return 0, errAt(i, "expected an object")
	}
	j := skipWS(b, i+1)
	if j < len(b) && b[j] == '}' {
		return j + 1, nil
	}
	for {
		if j >= len(b) || b[j] != '"' {
			return 0, errAt(j, "expected object key")
		}
		kend, esc, high, err := scanString(b, j)
		if err != nil {
			return 0, err
		}
		key := b[j+1 : kend-1]
		if esc || high && !utf8.Valid(key) {
			k, err := decodeString(b[j:kend], esc, high)
			if err != nil {
				return 0, err
			}
			key = []byte(k)
		}
		j = skipWS(b, kend)
		if j >= len(b) || b[j] != ':' {
			return 0, errAt(j, "expected ':' after object key")
		}
		vstart := skipWS(b, j+1)
		vend, err := skipValueDepth(b, vstart, 1)
		if err != nil {
			return 0, err
		}
		if err := fn(key, b[vstart:vend], vstart); err != nil {
			return 0, err
		}
		j = skipWS(b, vend)
		if j < len(b) && b[j] == ',' {
			j = skipWS(b, j+1)
			continue
		}
		if j < len(b) && b[j] == '}' {
			return j + 1, nil
		}
		return 0, errAt(j, "expected ',' or '}' in object")
	}
}

// decodeString decodes a raw JSON string (with its quotes) whose scan
// reported esc and high, with encoding/json's semantics: invalid UTF-8
// bytes and unpaired surrogates become U+FFFD.
func decodeString(raw []byte, esc, high bool) (string, error) {
	body := raw[1 : len(raw)-1]
	if !esc && (!high || utf8.Valid(body)) {
		return string(body), nil
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\\':
			if i+1 >= len(body) {
				return "", errors.New("bad escape at end of string")
			}
			i++
			switch body[i] {
			case '"', '\\', '/':
				out = append(out, body[i])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(body[i+1:])
				if !ok {
					return "", errors.New("bad \\u escape")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, ok2 := rune(-1), false
					if i+6 < len(body) && body[i+1] == '\\' && body[i+2] == 'u' {
						r2, ok2 = hex4(body[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				return "", fmt.Errorf("bad escape \\%c", body[i])
			}
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, body[i:i+size]...)
			}
			i += size
		}
	}
	return string(out), nil
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// validJSONText returns raw (valid JSON) with every invalid UTF-8 byte
// replaced by the escape \ufffd, which is how encoding/json reads it;
// Parquet string columns must hold valid UTF-8.
func validJSONText(raw []byte) []byte {
	if utf8.Valid(raw) {
		return raw
	}
	out := make([]byte, 0, len(raw)+16)
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, `\ufffd`...)
		} else {
			out = append(out, raw[i:i+size]...)
		}
		i += size
	}
	return out
}

// unquoteValue decodes raw (a complete JSON value) if it is a string.
func unquoteValue(raw []byte) (string, bool, error) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false, nil
	}
	end, esc, high, err := scanString(raw, 0)
	if err != nil {
		return "", false, err
	}
	if end != len(raw) {
		return "", false, errors.New("trailing data after string")
	}
	s, err := decodeString(raw, esc, high)
	return s, err == nil, err
}

// compactJSON appends raw (a valid JSON value) to dst without insignificant
// whitespace; everything else is kept byte for byte.
func compactJSON(dst, raw []byte) []byte {
	inStr := false
	start := 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		if c == '"' {
			inStr = true
		} else if isWS(c) {
			dst = append(dst, raw[start:i]...)
			start = i + 1
		}
	}
	return append(dst, raw[start:]...)
}
