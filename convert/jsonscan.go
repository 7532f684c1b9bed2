package convert

import (
	"errors"
	"fmt"
	"unicode/utf8"

	gojson "github.com/goccy/go-json"
)

// syntaxError is a JSON syntax problem at a byte offset of the value being
// scanned.
type syntaxError struct {
	msg string
	off int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("invalid JSON at byte %d: %s", e.off, e.msg) }

func errAt(off int, format string, args ...any) error {
	return &syntaxError{msg: fmt.Sprintf(format, args...), off: off}
}

func isWS(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

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
	for j < len(b) {
		c := b[j]
		switch {
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
		case c < 0x20:
			return 0, false, false, errAt(j, "control character in string")
		case c >= 0x80:
			high = true
		}
		j++
	}
	return 0, false, false, errAt(j, "unterminated string")
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// skipValue validates the JSON value starting at b[i] (no leading
// whitespace) and returns the index just after it.
func skipValue(b []byte, i int) (int, error) {
	return skipValueDepth(b, i, 0)
}

const maxDepth = 10000

func skipValueDepth(b []byte, i, depth int) (int, error) {
	if i >= len(b) {
		return 0, errAt(i, "unexpected end of input")
	}
	if depth > maxDepth {
		return 0, errAt(i, "nesting too deep")
	}
	switch c := b[i]; {
	case c == '"':
		end, _, _, err := scanString(b, i)
		return end, err
	case c == '{':
		j := skipWS(b, i+1)
		if j < len(b) && b[j] == '}' {
			return j + 1, nil
		}
		for {
			if j >= len(b) || b[j] != '"' {
				return 0, errAt(j, "expected object key")
			}
			end, _, _, err := scanString(b, j)
			if err != nil {
				return 0, err
			}
			j = skipWS(b, end)
			if j >= len(b) || b[j] != ':' {
				return 0, errAt(j, "expected ':' after object key")
			}
			j = skipWS(b, j+1)
			if j, err = skipValueDepth(b, j, depth+1); err != nil {
				return 0, err
			}
			j = skipWS(b, j)
			if j < len(b) && b[j] == ',' {
				j = skipWS(b, j+1)
				continue
			}
			if j < len(b) && b[j] == '}' {
				return j + 1, nil
			}
			return 0, errAt(j, "expected ',' or '}' in object")
		}
	case c == '[':
		j := skipWS(b, i+1)
		if j < len(b) && b[j] == ']' {
			return j + 1, nil
		}
		for {
			var err error
			if j, err = skipValueDepth(b, j, depth+1); err != nil {
				return 0, err
			}
			j = skipWS(b, j)
			if j < len(b) && b[j] == ',' {
				j = skipWS(b, j+1)
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

// member is one key/value pair of a JSON object; both are raw JSON text
// slices of the scanned buffer.
type member struct {
	key   string // decoded key
	value []byte // raw value
	voff  int    // offset of value in the scanned buffer
}

// forEachMember calls fn for each member of the object at b[i:] in order,
// validating the whole object, and returns the index after it.
func forEachMember(b []byte, i int, fn func(key string, val []byte, voff int) error) (int, error) {
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
		key, err := decodeString(b[j:kend], esc, high)
		if err != nil {
			return 0, err
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
// reported esc and high.
func decodeString(raw []byte, esc, high bool) (string, error) {
	if !esc && (!high || utf8.Valid(raw)) {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	if err := gojson.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("decode string: %w", err)
	}
	return s, nil
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

// isCompact reports whether raw has no whitespace outside strings.
func isCompact(raw []byte) bool {
	inStr := false
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
			return false
		}
	}
	return true
}
