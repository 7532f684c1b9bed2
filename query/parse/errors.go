package parse

import (
	"fmt"
	"strings"
)

// Pos is a location in the source text of a statement. Line and Column are
// 1-based and Column counts characters (Unicode code points), not bytes;
// Offset is the 0-based byte offset. The zero Pos means "no position".
type Pos struct {
	Offset int
	Line   int
	Column int
}

// Position returns p; it lets every node that embeds Pos satisfy Node.
func (p Pos) Position() Pos { return p }

// Error is a syntax error. Line and Column (1-based, Column in characters)
// and Offset (0-based, in bytes) locate the offending token in the text that
// was parsed; Msg says what was wrong and, where it can, how to fix it.
type Error struct {
	Line   int
	Column int
	Offset int
	Msg    string

	srcLine string // the whole source line holding the error, for Pretty
}

// Error renders the error as "line L:C: message".
func (e *Error) Error() string {
	return fmt.Sprintf("line %d:%d: %s", e.Line, e.Column, e.Msg)
}

// Pretty renders the error followed by the offending source line and a caret
// under the column, for a terminal. Very long lines are shown as a window
// around the column.
func (e *Error) Pretty() string {
	var b strings.Builder
	b.WriteString(e.Error())
	line := e.srcLine
	if line == "" && e.Column <= 1 {
		return b.String()
	}
	runes := []rune(line)
	col := e.Column - 1 // 0-based index of the caret in runes
	if col < 0 {
		col = 0
	}
	if col > len(runes) {
		col = len(runes)
	}
	const before, after = 60, 60
	start, end := 0, len(runes)
	prefix, suffix := "", ""
	if col > before {
		start = col - before
		prefix = "..."
	}
	if end-col > after {
		end = col + after
		suffix = "..."
	}
	b.WriteByte('\n')
	b.WriteString(prefix)
	b.WriteString(string(runes[start:end]))
	b.WriteString(suffix)
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", len(prefix)))
	for _, r := range runes[start:col] {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}

// newError builds an Error at p, capturing p's source line from src.
func newError(src string, p Pos, format string, args ...any) *Error {
	e := &Error{Line: p.Line, Column: p.Column, Offset: p.Offset, Msg: fmt.Sprintf(format, args...)}
	if p.Offset >= 0 && p.Offset <= len(src) {
		s := strings.LastIndexByte(src[:p.Offset], '\n') + 1
		t := strings.IndexByte(src[p.Offset:], '\n')
		if t < 0 {
			t = len(src)
		} else {
			t += p.Offset
		}
		e.srcLine = strings.TrimSuffix(src[s:t], "\r")
	}
	return e
}

// NewError builds an Error at p in the statement text src, for the later
// stages (name resolution, type checks) to report with a caret too.
func NewError(src string, p Pos, format string, args ...any) *Error {
	return newError(src, p, format, args...)
}
