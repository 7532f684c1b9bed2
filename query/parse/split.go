package parse

// Piece is one statement of a script, as cut by Split.
type Piece struct {
	// Text is the statement's source text, from its first token to its last,
	// without the ";" that ends it.
	Text string
	// Pos is where Text begins in the script.
	Pos Pos

	script string
	end    int
}

// Split cuts a script (such as a -f file.sql) into statements at each ";"
// that is not inside a string, a quoted identifier or a comment. Pieces
// that hold nothing but whitespace and comments are dropped. Split never
// fails: malformed text ends up in a piece, whose Parse reports it.
func Split(script string) []Piece {
	var out []Piece
	lx := newLexer(script)
	first := -1 // the first token of the current piece
	var firstPos Pos
	last := 0 // the end of its last token
	flush := func() {
		if first >= 0 {
			out = append(out, Piece{Text: script[first:last], Pos: firstPos, script: script, end: last})
		}
		first = -1
	}
	for {
		t := lx.next()
		switch {
		case t.kind == tEOF:
			flush()
			return out
		case isPunct(t, ";"):
			flush()
			continue
		}
		if first < 0 {
			first, firstPos = t.pos.Offset, t.pos
		}
		last = lx.off
	}
}

// Parse parses the piece as one statement. Positions in the result and in
// errors are relative to the whole script, so they point into the file.
func (pc Piece) Parse() (Statement, error) {
	if pc.script == "" && pc.Text != "" {
		return Parse(pc.Text)
	}
	lx := newLexer(pc.script[:pc.end])
	lx.full = pc.script
	lx.off, lx.line, lx.col = pc.Pos.Offset, pc.Pos.Line, pc.Pos.Column
	p := newParser(pc.script, lx)
	s, err := p.parseOne()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// String returns the piece's text.
func (pc Piece) String() string { return pc.Text }
