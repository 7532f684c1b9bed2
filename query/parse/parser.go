package parse

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxDepth is the deepest nesting of parentheses, subqueries, unary
// operators and types that the parser accepts; deeper input is rejected
// with an error rather than risking the stack.
const MaxDepth = 1000

// Parse parses exactly one statement, optionally followed by ";".
// On failure the error is a *Error.
func Parse(sql string) (Statement, error) {
	p := newParser(sql, newLexer(sql))
	s, err := p.parseOne()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// ParseExpr parses a standalone scalar expression.
// On failure the error is a *Error.
func ParseExpr(sql string) (Expr, error) {
	p := newParser(sql, newLexer(sql))
	if p.tok().kind == tEOF {
		return nil, p.errAt(p.tok(), "empty expression")
	}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if t := p.tok(); t.kind != tEOF {
		return nil, p.fail("end of expression")
	}
	return e, nil
}

// ParseScript parses a script of statements separated by ";". Empty
// statements are skipped; positions are relative to the whole script.
// On failure the error is a *Error.
func ParseScript(script string) ([]Statement, error) {
	p := newParser(script, newLexer(script))
	var out []Statement
	for {
		for p.isPunct(";") {
			p.advance()
		}
		if p.tok().kind == tEOF {
			return out, nil
		}
		s, err := p.parseStatement()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
		if !p.isPunct(";") && p.tok().kind != tEOF {
			return nil, p.failEnd("\";\"")
		}
	}
}

type parser struct {
	src   string
	lx    *lexer
	toks  []token
	i     int // index of the current token in toks
	depth int

	// follow lists what could have continued the construct that ended just
	// before token followAt, to make "unexpected" errors there precise.
	follow   []string
	followAt int
	// aliasAt is the index of the last alias written without AS, or -1: a
	// misspelled keyword is often taken for one.
	aliasAt int
}

func newParser(src string, lx *lexer) *parser {
	return &parser{src: src, lx: lx, followAt: -1, aliasAt: -1}
}

// parseOne parses one statement and its optional ";" terminators.
func (p *parser) parseOne() (Statement, *Error) {
	if t := p.tok(); t.kind == tEOF || isPunct(t, ";") {
		for p.isPunct(";") {
			p.advance()
		}
		if p.tok().kind == tEOF {
			return nil, p.errAt(t, "empty query")
		}
	}
	s, err := p.parseStatement()
	if err != nil {
		return nil, err
	}
	if p.isPunct(";") {
		for p.isPunct(";") {
			p.advance()
		}
		if t := p.tok(); t.kind != tEOF {
			return nil, p.errAt(t, "only one statement is allowed, but another begins at %s after \";\"", describe(t))
		}
		return s, nil
	}
	if p.tok().kind != tEOF {
		return nil, p.failEnd("end of query")
	}
	return s, nil
}

// ---- tokens ----

func (p *parser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	if p.toks == nil {
		p.toks = make([]token, 0, len(p.lx.src)/4+8)
	}
	for len(p.toks) <= p.i+k {
		if n := len(p.toks); n > 0 && (p.toks[n-1].kind == tEOF || p.toks[n-1].kind == tError) {
			return p.toks[n-1]
		}
		p.toks = append(p.toks, p.lx.next())
	}
	return p.toks[p.i+k]
}

func (p *parser) tok() token { return p.peekAt(0) }

// advance consumes the current token and returns it; it never moves past
// the end of input or a lexical error.
func (p *parser) advance() token {
	t := p.tok()
	if t.kind != tEOF && t.kind != tError {
		p.i++
	}
	return t
}

func isKw(t token, kw string) bool   { return t.kind == tIdent && t.val == kw }
func isPunct(t token, s string) bool { return t.kind == tPunct && t.text == s }

func (p *parser) isKw(kw string) bool   { return isKw(p.tok(), kw) }
func (p *parser) isPunct(s string) bool { return isPunct(p.tok(), s) }

func (p *parser) acceptKw(kw string) bool {
	if p.isKw(kw) {
		p.advance()
		return true
	}
	return false
}

func (p *parser) acceptPunct(s string) bool {
	if p.isPunct(s) {
		p.advance()
		return true
	}
	return false
}

func (p *parser) expectKw(kw string) (token, *Error) {
	if p.isKw(kw) {
		return p.advance(), nil
	}
	return token{}, p.fail(kw)
}

func (p *parser) expectPunct(s string) (token, *Error) {
	if p.isPunct(s) {
		return p.advance(), nil
	}
	return token{}, p.fail(`"` + s + `"`)
}

// expectClose consumes the closer matching the opening token open.
func (p *parser) expectClose(open token, closer string) *Error {
	if p.isPunct(closer) {
		p.advance()
		return nil
	}
	if p.followApplies() {
		return p.fail(`"` + closer + `"`)
	}
	t := p.tok()
	return p.errAt(t, "expected %q but found %s (to match the %q at line %d:%d)",
		closer, describe(t), open.text, open.pos.Line, open.pos.Column)
}

func (p *parser) enter() *Error {
	p.depth++
	if p.depth > MaxDepth {
		return p.errAt(p.tok(), "query is nested too deeply (more than %d levels)", MaxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// ---- errors ----

func (p *parser) errAt(t token, format string, args ...any) *Error {
	if t.kind == tError {
		return t.err
	}
	return newError(p.src, t.pos, format, args...)
}

// describe names a token for an error message.
func describe(t token) string {
	short := func(s string) string {
		if len(s) > 40 {
			return s[:37] + "..."
		}
		return s
	}
	switch t.kind {
	case tEOF:
		return "end of input"
	case tString, tUnicode, tBinary:
		return "string " + short(t.text)
	case tQuoted:
		return short(t.text)
	}
	return `"` + short(t.text) + `"`
}

func (p *parser) setFollow(f ...string) {
	p.follow = f
	p.followAt = p.i
}

func (p *parser) followApplies() bool { return p.followAt == p.i && len(p.follow) > 0 }

// fail reports the current token as unexpected where want was expected,
// adding what could have continued the previous construct.
func (p *parser) fail(want string) *Error {
	var list []string
	if p.followApplies() {
		list = append(list, p.follow...)
	}
	list = append(list, want)
	t := p.tok()
	if t.kind == tError {
		return t.err
	}
	// An identifier after an alias given without AS: the "alias" was most
	// likely a misspelled keyword, so point at it.
	if p.aliasAt >= 0 && p.aliasAt == p.i-1 && (isPunct(t, "(") || isPunct(t, ".")) {
		a := p.toks[p.aliasAt]
		return p.errAt(t, "unexpected %s after %s: is a comma missing before %s?", describe(t), describe(a), a.text)
	}
	if p.aliasAt >= 0 && p.aliasAt == p.i-1 && t.kind != tPunct && t.kind != tEOF {
		a := p.toks[p.aliasAt]
		msg := fmt.Sprintf("unexpected %s, expected %s", describe(a), joinOr(list))
		if s := suggest(a.val, list); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		return newError(p.src, a.pos, "%s", msg)
	}
	if len(list) == 1 {
		if t.kind == tIdent && isReserved(t.val) && strings.HasPrefix(want, "a ") && strings.Contains(want, "name") {
			return p.reservedErr(t, want)
		}
		return p.errAt(t, "expected %s but found %s", want, describe(t))
	}
	msg := fmt.Sprintf("unexpected %s, expected %s", describe(t), joinOr(list))
	if t.kind == tIdent {
		if s := suggest(t.val, list); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
	}
	return p.errAt(t, "%s", msg)
}

// failEnd reports input left over where a statement should have ended.
func (p *parser) failEnd(want string) *Error {
	if t := p.tok(); isPunct(t, ")") {
		return p.errAt(t, "unexpected \")\" with no matching \"(\"")
	}
	return p.fail(want)
}

func (p *parser) reservedErr(t token, want string) *Error {
	return p.errAt(t, "expected %s but found the reserved word %s; to use it as a name, double-quote it: %s",
		want, t.val, quoteIdent(t.text))
}

func joinOr(list []string) string {
	switch len(list) {
	case 0:
		return ""
	case 1:
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " or " + list[len(list)-1]
}

// suggest returns the keyword in list closest to word, if it is close.
func suggest(word string, list []string) string {
	best, bestD := "", 3
	if len(word) < 3 {
		return ""
	}
	for _, w := range list {
		kw, _, _ := strings.Cut(w, " ")
		if kw == "" || kw != upper(kw) || strings.ContainsAny(kw, `"()`) {
			continue
		}
		if d := editDistance(word, kw); d < bestD && d < len(word)-1 {
			best, bestD = kw, d
		}
	}
	return best
}

// ---- names ----

// parseIdent parses a non-reserved or quoted identifier; what describes it
// for errors ("a table name").
func (p *parser) parseIdent(what string) (Ident, *Error) {
	t := p.tok()
	switch {
	case t.kind == tIdent && !isReserved(t.val):
		p.advance()
		return Ident{Pos: t.pos, Name: t.text}, nil
	case t.kind == tQuoted:
		p.advance()
		return Ident{Pos: t.pos, Name: t.val, Quoted: true}, nil
	case t.kind == tIdent:
		return Ident{}, p.reservedErr(t, what)
	}
	return Ident{}, p.fail(what)
}

func isIdentTok(t token) bool {
	return t.kind == tIdent && !isReserved(t.val) || t.kind == tQuoted
}

func identOf(t token) Ident {
	if t.kind == tQuoted {
		return Ident{Pos: t.pos, Name: t.val, Quoted: true}
	}
	return Ident{Pos: t.pos, Name: t.text}
}

func (p *parser) parseQName(what string) (QualifiedName, *Error) {
	id, err := p.parseIdent(what)
	if err != nil {
		return QualifiedName{}, err
	}
	q := QualifiedName{Parts: []Ident{id}}
	for p.isPunct(".") {
		p.advance()
		id, err := p.parseIdent("a name after \".\"")
		if err != nil {
			return QualifiedName{}, err
		}
		q.Parts = append(q.Parts, id)
	}
	return q, nil
}

// parseIdentList parses "(" ident, ... ")".
func (p *parser) parseIdentList(what string) ([]Ident, *Error) {
	open, err := p.expectPunct("(")
	if err != nil {
		return nil, err
	}
	var ids []Ident
	for {
		id, err := p.parseIdent(what)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
		if !p.acceptPunct(",") {
			break
		}
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return ids, nil
}

// ---- statements ----

func (p *parser) atQueryStart() bool {
	t := p.tok()
	return isKw(t, "SELECT") || isKw(t, "WITH") || isKw(t, "VALUES")
}

func (p *parser) parseStatement() (Statement, *Error) {
	t := p.tok()
	switch {
	case p.atQueryStart() || isPunct(t, "("):
		return p.parseQuery()
	case isKw(t, "EXPLAIN"):
		return p.parseExplain()
	case isKw(t, "SHOW"):
		return p.parseShow()
	case isKw(t, "DESCRIBE") || isKw(t, "DESC"):
		p.advance()
		name, err := p.parseQName("a table name")
		if err != nil {
			return nil, err
		}
		return &Describe{Pos: t.pos, Table: name}, nil
	case isKw(t, "TABLE"):
		return nil, p.errAt(t, "TABLE queries are not supported: write SELECT * FROM the table")
	case t.kind == tIdent && unsupportedStatements[t.val]:
		return nil, p.errAt(t, "%s statements are not supported: only queries (SELECT, WITH, VALUES), EXPLAIN, SHOW and DESCRIBE are", t.val)
	}
	return nil, p.fail("a statement (SELECT, WITH, EXPLAIN, SHOW or DESCRIBE)")
}

func (p *parser) parseExplain() (Statement, *Error) {
	start := p.advance()
	ex := &Explain{Pos: start.pos}
	if p.acceptKw("ANALYZE") {
		ex.Analyze = true
		ex.Verbose = p.acceptKw("VERBOSE")
	} else if p.isPunct("(") && (isKw(p.peekAt(1), "TYPE") || isKw(p.peekAt(1), "FORMAT")) {
		open := p.advance()
		for {
			opt := p.tok()
			var valid map[string]bool
			switch {
			case isKw(opt, "TYPE") && ex.Type == "":
				valid = map[string]bool{"LOGICAL": true, "DISTRIBUTED": true, "VALIDATE": true, "IO": true}
			case isKw(opt, "FORMAT") && ex.Format == "":
				valid = map[string]bool{"TEXT": true, "GRAPHVIZ": true, "JSON": true}
			default:
				return nil, p.fail("TYPE or FORMAT (each at most once)")
			}
			p.advance()
			v := p.tok()
			if v.kind != tIdent || !valid[v.val] {
				keys := make([]string, 0, len(valid))
				for _, k := range []string{"LOGICAL", "DISTRIBUTED", "VALIDATE", "IO", "TEXT", "GRAPHVIZ", "JSON"} {
					if valid[k] {
						keys = append(keys, k)
					}
				}
				return nil, p.errAt(v, "expected %s but found %s", joinOr(keys), describe(v))
			}
			p.advance()
			if opt.val == "TYPE" {
				ex.Type = v.val
			} else {
				ex.Format = v.val
			}
			if !p.acceptPunct(",") {
				break
			}
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
	}
	if t := p.tok(); isKw(t, "EXPLAIN") {
		return nil, p.errAt(t, "EXPLAIN cannot be nested")
	}
	s, err := p.parseStatement()
	if err != nil {
		return nil, err
	}
	ex.Stmt = s
	return ex, nil
}

func (p *parser) parseShow() (Statement, *Error) {
	start := p.advance()
	t := p.tok()
	switch {
	case isKw(t, "TABLES"):
		p.advance()
		st := &ShowTables{Pos: start.pos}
		if p.acceptKw("FROM") || p.acceptKw("IN") {
			name, err := p.parseQName("a schema name")
			if err != nil {
				return nil, err
			}
			st.From = &name
		}
		if p.acceptKw("LIKE") {
			lit, err := p.parseStringLit("a LIKE pattern string")
			if err != nil {
				return nil, err
			}
			st.Like = lit
			if p.acceptKw("ESCAPE") {
				if st.Escape, err = p.parseStringLit("an escape string"); err != nil {
					return nil, err
				}
			}
		}
		return st, nil
	case isKw(t, "PARTITIONS"):
		p.advance()
		if !p.acceptKw("FROM") {
			p.acceptKw("IN")
		}
		name, err := p.parseQName("a table name")
		if err != nil {
			return nil, err
		}
		return &ShowPartitions{Pos: start.pos, Table: name}, nil
	case isKw(t, "COLUMNS"):
		p.advance()
		if !p.acceptKw("FROM") && !p.acceptKw("IN") {
			return nil, p.fail("FROM or IN")
		}
		name, err := p.parseQName("a table name")
		if err != nil {
			return nil, err
		}
		return &Describe{Pos: start.pos, Table: name}, nil
	case t.kind == tIdent:
		switch t.val {
		case "SCHEMAS", "DATABASES", "CATALOGS", "FUNCTIONS", "CREATE", "VIEWS", "STATS", "SESSION", "GRANTS", "ROLES", "TBLPROPERTIES", "MATERIALIZED":
			return nil, p.errAt(t, "SHOW %s is not supported: only SHOW TABLES, SHOW PARTITIONS and SHOW COLUMNS are", t.val)
		}
	}
	return nil, p.fail("TABLES, PARTITIONS or COLUMNS")
}

func (p *parser) parseStringLit(what string) (*StringLit, *Error) {
	t := p.tok()
	if t.kind != tString {
		return nil, p.fail(what)
	}
	p.advance()
	return &StringLit{Pos: t.pos, Value: t.val}, nil
}

// ---- queries ----

func (p *parser) parseQuery() (*Query, *Error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	q := &Query{Pos: p.tok().pos}
	if p.isKw("WITH") {
		w, err := p.parseWith()
		if err != nil {
			return nil, err
		}
		q.With = w
	}
	body, err := p.parseSetOps(nil, 0)
	if err != nil {
		return nil, err
	}
	q.Body = body
	if err := p.parseQueryTail(q); err != nil {
		return nil, err
	}
	return simplify(q), nil
}

// continueQuery goes on parsing a query whose first operand, a parenthesised
// query, has already been parsed (as in "((SELECT 1) UNION (SELECT 2))").
func (p *parser) continueQuery(first *Query) (*Query, *Error) {
	q := &Query{Pos: first.Pos}
	body, err := p.parseSetOps(asBody(first), 0)
	if err != nil {
		return nil, err
	}
	q.Body = body
	if err := p.parseQueryTail(q); err != nil {
		return nil, err
	}
	return simplify(q), nil
}

// atQueryContinuation reports whether the current token can continue a
// query after a parenthesised query.
func (p *parser) atQueryContinuation() bool {
	t := p.tok()
	for _, kw := range []string{"UNION", "INTERSECT", "EXCEPT", "ORDER", "LIMIT", "OFFSET", "FETCH"} {
		if isKw(t, kw) {
			return true
		}
	}
	return false
}

func bare(q *Query) bool {
	return q.With == nil && len(q.OrderBy) == 0 && q.Offset == nil && q.Limit == nil
}

// asBody is q as the operand of a set operation or of an outer query.
func asBody(q *Query) QueryBody {
	if bare(q) {
		return q.Body
	}
	return q
}

// simplify drops a query level that adds nothing to its parenthesised body.
func simplify(q *Query) *Query {
	if inner, ok := q.Body.(*Query); ok && bare(q) {
		return inner
	}
	return q
}

func (p *parser) parseWith() (*With, *Error) {
	start := p.advance()
	if t := p.tok(); isKw(t, "RECURSIVE") {
		return nil, p.errAt(t, "WITH RECURSIVE is not supported")
	}
	w := &With{Pos: start.pos}
	seen := map[string]bool{}
	for {
		name, err := p.parseIdent("a name for the WITH query")
		if err != nil {
			return nil, err
		}
		if seen[name.Canonical()] {
			return nil, newError(p.src, name.Pos, "WITH query name %s is defined more than once", name.String())
		}
		seen[name.Canonical()] = true
		c := &CTE{Pos: name.Pos, Name: name}
		if p.isPunct("(") && (isKw(p.peekAt(1), "SELECT") || isKw(p.peekAt(1), "WITH") || isKw(p.peekAt(1), "VALUES")) {
			return nil, p.errAt(p.tok(), "expected AS before the query of WITH %s", name.String())
		}
		if p.isPunct("(") {
			if c.Columns, err = p.parseIdentList("a column name"); err != nil {
				return nil, err
			}
		}
		if _, err := p.expectKw("AS"); err != nil {
			return nil, err
		}
		open, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		if c.Query, err = p.parseQuery(); err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		w.CTEs = append(w.CTEs, c)
		if !p.acceptPunct(",") {
			return w, nil
		}
	}
}

// parseSetOps parses set operations binding at least as tightly as minPrec,
// starting from left when it is given.
func (p *parser) parseSetOps(left QueryBody, minPrec int) (QueryBody, *Error) {
	if left == nil {
		var err *Error
		if left, err = p.parseQueryPrimary(); err != nil {
			return nil, err
		}
	}
	for {
		t := p.tok()
		var op SetOpKind
		switch {
		case isKw(t, "UNION"):
			op = Union
		case isKw(t, "INTERSECT"):
			op = Intersect
		case isKw(t, "EXCEPT"):
			op = Except
		default:
			return left, nil
		}
		prec := setPrec(op)
		if prec < minPrec {
			return left, nil
		}
		p.advance()
		all := p.acceptKw("ALL")
		if !all {
			p.acceptKw("DISTINCT")
		}
		right, err := p.parseSetOps(nil, prec+1)
		if err != nil {
			return nil, err
		}
		left = &SetOp{Pos: left.Position(), Op: op, All: all, Left: left, Right: right}
	}
}

func (p *parser) parseQueryPrimary() (QueryBody, *Error) {
	t := p.tok()
	switch {
	case isKw(t, "SELECT"):
		return p.parseSelect()
	case isKw(t, "VALUES"):
		return p.parseValues()
	case isPunct(t, "("):
		p.advance()
		q, err := p.parseQuery()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(t, ")"); err != nil {
			return nil, err
		}
		return asBody(q), nil
	case isKw(t, "TABLE"):
		return nil, p.errAt(t, "TABLE queries are not supported: write SELECT * FROM the table")
	}
	return nil, p.fail(`SELECT, VALUES or "("`)
}

func (p *parser) parseValues() (QueryBody, *Error) {
	start := p.advance()
	v := &Values{Pos: start.pos}
	for {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		v.Rows = append(v.Rows, e)
		if !p.acceptPunct(",") {
			break
		}
	}
	p.setFollow(`","`, "ORDER BY", "LIMIT")
	return v, nil
}

// parseCount parses the row count of LIMIT, OFFSET or FETCH.
func (p *parser) parseCount(clause string) (int64, *Error) {
	t := p.tok()
	if t.kind == tInteger {
		n, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return 0, p.errAt(t, "%s count %s is too large", clause, t.text)
		}
		p.advance()
		return n, nil
	}
	what := "a non-negative integer"
	if clause == "LIMIT" {
		what += " or ALL"
	}
	found := describe(t)
	if isPunct(t, "-") && p.peekAt(1).kind != tEOF {
		found = `"-` + p.peekAt(1).text + `"`
	}
	return 0, p.errAt(t, "%s must be followed by %s, found %s", clause, what, found)
}

func (p *parser) parseQueryTail(q *Query) *Error {
	if t := p.tok(); isKw(t, "ORDER") {
		p.advance()
		if _, err := p.expectKw("BY"); err != nil {
			return err
		}
		items, err := p.parseOrderItems()
		if err != nil {
			return err
		}
		q.OrderBy = items
		p.setFollow(`","`, "OFFSET", "LIMIT")
	}
	for {
		t := p.tok()
		switch {
		case isKw(t, "OFFSET"):
			if q.Offset != nil {
				return p.errAt(t, "OFFSET is given twice")
			}
			p.advance()
			n, err := p.parseCount("OFFSET")
			if err != nil {
				return err
			}
			if !p.acceptKw("ROWS") {
				p.acceptKw("ROW")
			}
			q.Offset = &Offset{Pos: t.pos, Count: n}
		case isKw(t, "LIMIT"):
			if q.Limit != nil {
				return p.errAt(t, "LIMIT or FETCH is given twice")
			}
			p.advance()
			l := &Limit{Pos: t.pos}
			if p.acceptKw("ALL") {
				l.All = true
			} else {
				n, err := p.parseCount("LIMIT")
				if err != nil {
					return err
				}
				l.Count = n
			}
			q.Limit = l
		case isKw(t, "FETCH"):
			if q.Limit != nil {
				return p.errAt(t, "LIMIT or FETCH is given twice")
			}
			p.advance()
			if !p.acceptKw("FIRST") && !p.acceptKw("NEXT") {
				return p.fail("FIRST or NEXT")
			}
			l := &Limit{Pos: t.pos, Count: 1}
			if !p.isKw("ROW") && !p.isKw("ROWS") {
				n, err := p.parseCount("FETCH FIRST")
				if err != nil {
					return err
				}
				l.Count = n
			}
			if !p.acceptKw("ROWS") && !p.acceptKw("ROW") {
				return p.fail("ROWS")
			}
			if p.isKw("WITH") && isKw(p.peekAt(1), "TIES") {
				p.advance()
				p.advance()
				l.Ties = true
			} else if _, err := p.expectKw("ONLY"); err != nil {
				return err
			}
			q.Limit = l
		default:
			return nil
		}
		switch {
		case q.Offset == nil:
			p.setFollow("OFFSET")
		case q.Limit == nil:
			p.setFollow("LIMIT")
		}
	}
}

func (p *parser) parseOrderItems() ([]*OrderItem, *Error) {
	var items []*OrderItem
	for {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		o := &OrderItem{Pos: e.Position(), Expr: e}
		if p.acceptKw("DESC") {
			o.Desc = true
		} else {
			p.acceptKw("ASC")
		}
		if p.acceptKw("NULLS") {
			switch {
			case p.acceptKw("FIRST"):
				o.Nulls = NullsFirst
			case p.acceptKw("LAST"):
				o.Nulls = NullsLast
			default:
				return nil, p.fail("FIRST or LAST")
			}
		}
		items = append(items, o)
		if !p.acceptPunct(",") {
			return items, nil
		}
	}
}

// clauseStart reports whether t begins a clause that cannot be a select
// item or relation, for errors about empty lists and trailing commas.
func (p *parser) clauseStart() bool {
	t := p.tok()
	if t.kind == tEOF || isPunct(t, ")") || isPunct(t, ";") {
		return true
	}
	if isKw(t, "GROUP") || isKw(t, "ORDER") {
		return isKw(p.peekAt(1), "BY")
	}
	for _, kw := range []string{"FROM", "WHERE", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "ON", "USING", "JOIN"} {
		if isKw(t, kw) {
			return true
		}
	}
	return false
}

func (p *parser) parseSelect() (QueryBody, *Error) {
	start := p.advance()
	s := &Select{Pos: start.pos}
	if p.acceptKw("DISTINCT") {
		s.Distinct = true
	} else {
		p.acceptKw("ALL")
	}
	if t := p.tok(); p.clauseStart() {
		return nil, p.errAt(t, "SELECT has no select list: expected an expression or \"*\" but found %s", describe(t))
	}
	for {
		it, err := p.parseSelectItem()
		if err != nil {
			return nil, err
		}
		s.Items = append(s.Items, it)
		if !p.isPunct(",") {
			break
		}
		comma := p.advance()
		if t := p.tok(); p.clauseStart() && t.kind != tError {
			return nil, newError(p.src, comma.pos, "trailing comma in the select list before %s: remove it or add another item", describe(t))
		}
	}
	p.setFollow("FROM", "WHERE", "GROUP BY", "ORDER BY", "LIMIT")
	if p.acceptKw("FROM") {
		for {
			r, err := p.parseRelation()
			if err != nil {
				return nil, err
			}
			s.From = append(s.From, r)
			if !p.isPunct(",") {
				break
			}
			comma := p.advance()
			if t := p.tok(); p.clauseStart() && t.kind != tError {
				return nil, newError(p.src, comma.pos, "trailing comma in the FROM list before %s: remove it or add another relation", describe(t))
			}
		}
		p.setFollow("JOIN", "WHERE", "GROUP BY", "ORDER BY", "LIMIT")
	}
	if p.acceptKw("WHERE") {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		s.Where = e
		p.setFollow("AND", "OR", "GROUP BY", "ORDER BY", "LIMIT")
	}
	if t := p.tok(); isKw(t, "GROUP") {
		p.advance()
		if _, err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		// GROUP BY ALL (the default) keeps duplicate grouping sets,
		// GROUP BY DISTINCT drops them.
		if p.acceptKw("DISTINCT") {
			s.GroupDistinct = true
		} else {
			p.acceptKw("ALL")
		}
		for {
			if t := p.tok(); isPunct(t, "(") && isPunct(p.peekAt(1), ")") {
				// () is the empty grouping set: the whole input.
				p.advance()
				p.advance()
				s.Grouping = append(s.Grouping, &GroupingElement{Pos: t.pos, Kind: GroupingSets, Sets: [][]Expr{{}}})
				if !p.acceptPunct(",") {
					break
				}
				continue
			}
			if t := p.tok(); (isKw(t, "ROLLUP") || isKw(t, "CUBE")) && isPunct(p.peekAt(1), "(") || isKw(t, "GROUPING") && isKw(p.peekAt(1), "SETS") {
				g, err := p.parseGroupingElement()
				if err != nil {
					return nil, err
				}
				s.Grouping = append(s.Grouping, g)
				if len(s.Grouping) > 16 {
					return nil, p.errAt(t, "more than 16 grouping elements")
				}
				if !p.acceptPunct(",") {
					break
				}
				continue
			}
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			s.GroupBy = append(s.GroupBy, e)
			if !p.acceptPunct(",") {
				break
			}
		}
		p.setFollow(`","`, "HAVING", "ORDER BY", "LIMIT")
	}
	if p.acceptKw("HAVING") {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		s.Having = e
		p.setFollow("AND", "OR", "ORDER BY", "LIMIT")
	}
	if p.acceptKw("WINDOW") {
		for {
			name, err := p.parseIdent("a window name")
			if err != nil {
				return nil, err
			}
			if _, err := p.expectKw("AS"); err != nil {
				return nil, err
			}
			if !p.isPunct("(") {
				return nil, p.fail(`"("`)
			}
			spec, err := p.parseWindow()
			if err != nil {
				return nil, err
			}
			s.Windows = append(s.Windows, NamedWindow{Name: name, Spec: spec})
			if !p.acceptPunct(",") {
				break
			}
		}
		p.setFollow(`","`, "ORDER BY", "LIMIT")
	}
	return s, nil
}

func (p *parser) parseSelectItem() (SelectItem, *Error) {
	t := p.tok()
	if isPunct(t, "*") {
		p.advance()
		return &AllColumns{Pos: t.pos}, nil
	}
	// qualifier.* : a run of identifiers joined by dots, then ".*".
	for k := 0; isIdentTok(p.peekAt(k)) && isPunct(p.peekAt(k+1), "."); k += 2 {
		if isPunct(p.peekAt(k+2), "*") {
			a := &AllColumns{Pos: t.pos}
			for j := 0; j <= k; j += 2 {
				a.Qualifier = append(a.Qualifier, identOf(p.peekAt(j)))
			}
			p.i += k + 3
			return a, nil
		}
	}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	se := &SelectExpr{Pos: e.Position(), Expr: e}
	alias, err := p.parseAlias()
	if err != nil {
		return nil, err
	}
	se.Alias = alias
	return se, nil
}

// parseAlias parses an optional [AS] alias.
func (p *parser) parseAlias() (*Ident, *Error) {
	if p.acceptKw("AS") {
		id, err := p.parseIdent("an alias")
		if err != nil {
			return nil, err
		}
		return &id, nil
	}
	t := p.tok()
	if t.kind == tQuoted || t.kind == tIdent && !isReserved(t.val) && !notImplicitAlias[t.val] {
		p.aliasAt = p.i
		p.advance()
		id := identOf(t)
		return &id, nil
	}
	return nil, nil
}

// ---- relations ----

func (p *parser) parseRelation() (Relation, *Error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	left, err := p.parseAliased()
	if err != nil {
		return nil, err
	}
	for {
		t := p.tok()
		var jt JoinType
		switch {
		case isKw(t, "CROSS"):
			p.advance()
			if _, err := p.expectKw("JOIN"); err != nil {
				return nil, err
			}
			right, err := p.parseAliased()
			if err != nil {
				return nil, err
			}
			left = &Join{Pos: left.Position(), Type: CrossJoin, Left: left, Right: right}
			continue
		case isKw(t, "JOIN"):
			jt = InnerJoin
		case isKw(t, "INNER"):
			p.advance()
			jt = InnerJoin
		case isKw(t, "LEFT"), isKw(t, "RIGHT"), isKw(t, "FULL"):
			p.advance()
			jt = FullJoin
			switch t.val {
			case "LEFT":
				jt = LeftJoin
			case "RIGHT":
				jt = RightJoin
			}
			p.acceptKw("OUTER")
		case isKw(t, "NATURAL"):
			return nil, p.errAt(t, "NATURAL JOIN is not supported: use JOIN ... USING (columns)")
		default:
			return left, nil
		}
		if _, err := p.expectKw("JOIN"); err != nil {
			return nil, err
		}
		right, err := p.parseRelation()
		if err != nil {
			return nil, err
		}
		j := &Join{Pos: left.Position(), Type: jt, Left: left, Right: right}
		switch {
		case p.acceptKw("ON"):
			if j.On, err = p.parseExpr(); err != nil {
				return nil, err
			}
		case p.isKw("USING"):
			p.advance()
			if j.Using, err = p.parseIdentList("a column name"); err != nil {
				return nil, err
			}
		default:
			t := p.tok()
			return nil, p.errAt(t, "expected ON or USING after the joined relation but found %s (a join without a condition is written CROSS JOIN)", describe(t))
		}
		left = j
	}
}

func (p *parser) parseAliased() (Relation, *Error) {
	r, err := p.parseRelationPrimary()
	if err != nil {
		return nil, err
	}
	alias, err := p.parseAlias()
	if err != nil {
		return nil, err
	}
	if alias != nil {
		a := &Aliased{Pos: r.Position(), Rel: r, Alias: *alias}
		if p.isPunct("(") {
			if a.Columns, err = p.parseIdentList("a column alias"); err != nil {
				return nil, err
			}
		}
		r = a
	}
	if t := p.tok(); isKw(t, "TABLESAMPLE") {
		p.advance()
		m := p.tok()
		if !isKw(m, "BERNOULLI") && !isKw(m, "SYSTEM") {
			return nil, p.fail("BERNOULLI or SYSTEM")
		}
		p.advance()
		open, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		pct, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		r = &Sampled{Pos: t.pos, Rel: r, Method: strings.ToUpper(m.val), Percent: pct}
	}
	return r, nil
}

func (p *parser) parseRelationPrimary() (Relation, *Error) {
	t := p.tok()
	switch {
	case isKw(t, "UNNEST"):
		p.advance()
		open, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		u := &Unnest{Pos: t.pos}
		if u.Exprs, err = p.parseExprList(); err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		if p.isKw("WITH") && isKw(p.peekAt(1), "ORDINALITY") {
			p.advance()
			p.advance()
			u.Ordinality = true
		}
		return u, nil
	case isKw(t, "LATERAL") && isPunct(p.peekAt(1), "("):
		p.advance()
		open := p.advance()
		q, err := p.parseQuery()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return &Lateral{Pos: t.pos, Query: q}, nil
	case isPunct(t, "("):
		p.advance()
		if p.atQueryStart() {
			q, err := p.parseQuery()
			if err != nil {
				return nil, err
			}
			if err := p.expectClose(t, ")"); err != nil {
				return nil, err
			}
			return &TableSubquery{Pos: t.pos, Query: q}, nil
		}
		inner, err := p.parseRelation()
		if err != nil {
			return nil, err
		}
		if sub, ok := inner.(*TableSubquery); ok && p.atQueryContinuation() {
			q, err := p.continueQuery(sub.Query)
			if err != nil {
				return nil, err
			}
			inner = &TableSubquery{Pos: t.pos, Query: q}
		}
		if err := p.expectClose(t, ")"); err != nil {
			return nil, err
		}
		return inner, nil
	case isKw(t, "TABLE"):
		return nil, p.errAt(t, "table functions are not supported")
	}
	name, err := p.parseQName("a table name")
	if err != nil {
		return nil, err
	}
	return &Table{Pos: t.pos, Name: name}, nil
}

// parseGroupingElement parses ROLLUP (...), CUBE (...) or GROUPING SETS
// (...), at its first keyword.
func (p *parser) parseGroupingElement() (*GroupingElement, *Error) {
	t := p.tok()
	g := &GroupingElement{Pos: t.pos}
	switch {
	case isKw(t, "ROLLUP"):
		g.Kind = Rollup
	case isKw(t, "CUBE"):
		g.Kind = Cube
	default:
		g.Kind = GroupingSets
		p.advance()
	}
	p.advance()
	if _, err := p.expectPunct("("); err != nil {
		return nil, err
	}
	for {
		// A set: a parenthesised list (maybe empty), or one expression.
		var set []Expr
		if isPunct(p.tok(), "(") && isPunct(p.peekAt(1), ")") {
			p.advance()
			p.advance()
		} else {
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if r, ok := e.(*RowCtor); ok {
				set = r.Fields
			} else {
				set = []Expr{e}
			}
		}
		if len(set) == 0 && g.Kind != GroupingSets {
			return nil, p.errAt(t, "%s takes expressions, not ()", g.Kind)
		}
		g.Sets = append(g.Sets, set)
		if !p.acceptPunct(",") {
			break
		}
	}
	if _, err := p.expectPunct(")"); err != nil {
		return nil, err
	}
	if g.Kind == Cube && len(g.Sets) > 12 {
		return nil, p.errAt(t, "CUBE of more than 12 sets")
	}
	return g, nil
}
