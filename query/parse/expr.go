package parse

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

func (p *parser) parseExpr() (Expr, *Error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	return p.parseOr()
}

func (p *parser) parseExprList() ([]Expr, *Error) {
	var list []Expr
	for {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		list = append(list, e)
		if !p.acceptPunct(",") {
			return list, nil
		}
	}
}

func (p *parser) parseOr() (Expr, *Error) {
	left, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	for p.acceptKw("OR") {
		right, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		left = &Binary{Pos: left.Position(), Op: OpOr, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) parseAnd() (Expr, *Error) {
	left, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	for p.acceptKw("AND") {
		right, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		left = &Binary{Pos: left.Position(), Op: OpAnd, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) parseNot() (Expr, *Error) {
	t := p.tok()
	if !isKw(t, "NOT") {
		return p.parsePredicate()
	}
	p.advance()
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	e, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return &Not{Pos: t.pos, Expr: e}, nil
}

var comparisonOps = map[string]BinaryOp{
	"=": OpEq, "<>": OpNe, "!=": OpNe, "<": OpLt, "<=": OpLe, ">": OpGt, ">=": OpGe,
}

// atPredicate reports whether the current token begins a predicate.
func (p *parser) atPredicate() bool {
	t := p.tok()
	if t.kind == tPunct {
		_, ok := comparisonOps[t.text]
		return ok
	}
	if isKw(t, "NOT") {
		n := p.peekAt(1)
		return isKw(n, "BETWEEN") || isKw(n, "IN") || isKw(n, "LIKE")
	}
	return isKw(t, "IS") || isKw(t, "BETWEEN") || isKw(t, "IN") || isKw(t, "LIKE")
}

// parsePredicate parses a value optionally followed by one comparison, IS,
// BETWEEN, IN or LIKE predicate. As in Trino, predicates do not chain.
func (p *parser) parsePredicate() (Expr, *Error) {
	left, err := p.parseConcat()
	if err != nil {
		return nil, err
	}
	if !p.atPredicate() {
		return left, nil
	}
	e, err := p.parsePredicateRest(left)
	if err != nil {
		return nil, err
	}
	if p.atPredicate() {
		t := p.tok()
		return nil, p.errAt(t, "unexpected %s after a comparison: comparisons do not chain; combine them with AND or OR, or add parentheses", describe(t))
	}
	return e, nil
}

func (p *parser) parsePredicateRest(left Expr) (Expr, *Error) {
	pos := left.Position()
	t := p.tok()
	if op, ok := comparisonOps[t.text]; ok && t.kind == tPunct {
		p.advance()
		q := p.tok()
		if n := p.peekAt(2); (isKw(q, "ALL") || isKw(q, "ANY") || isKw(q, "SOME")) && isPunct(p.peekAt(1), "(") &&
			(isKw(n, "SELECT") || isKw(n, "WITH") || isKw(n, "VALUES") || isPunct(n, "(")) {
			p.advance()
			open := p.advance()
			sub, err := p.parseQuery()
			if err != nil {
				return nil, err
			}
			if err := p.expectClose(open, ")"); err != nil {
				return nil, err
			}
			return &QuantifiedComparison{Pos: pos, Op: op, Left: left, Quantifier: q.val, Query: sub}, nil
		}
		right, err := p.parseConcat()
		if err != nil {
			return nil, err
		}
		return &Binary{Pos: pos, Op: op, Left: left, Right: right}, nil
	}
	if isKw(t, "IS") {
		p.advance()
		not := p.acceptKw("NOT")
		switch t := p.tok(); {
		case isKw(t, "NULL"):
			p.advance()
			return &IsNull{Pos: pos, Expr: left, Not: not}, nil
		case isKw(t, "DISTINCT"):
			p.advance()
			if _, err := p.expectKw("FROM"); err != nil {
				return nil, err
			}
			right, err := p.parseConcat()
			if err != nil {
				return nil, err
			}
			return &IsDistinctFrom{Pos: pos, Left: left, Right: right, Not: not}, nil
		case isKw(t, "TRUE") || isKw(t, "FALSE") || isKw(t, "UNKNOWN"):
			return nil, p.errAt(t, "IS %s is not supported: compare with = %s, or use IS NULL", t.val, t.val)
		}
		return nil, p.fail("NULL or DISTINCT FROM")
	}
	not := p.acceptKw("NOT")
	t = p.tok()
	switch {
	case isKw(t, "BETWEEN"):
		p.advance()
		low, err := p.parseConcat()
		if err != nil {
			return nil, err
		}
		if _, err := p.expectKw("AND"); err != nil {
			return nil, err
		}
		high, err := p.parseConcat()
		if err != nil {
			return nil, err
		}
		return &Between{Pos: pos, Expr: left, Low: low, High: high, Not: not}, nil
	case isKw(t, "LIKE"):
		p.advance()
		pat, err := p.parseConcat()
		if err != nil {
			return nil, err
		}
		l := &Like{Pos: pos, Expr: left, Pattern: pat, Not: not}
		if p.acceptKw("ESCAPE") {
			if l.Escape, err = p.parseConcat(); err != nil {
				return nil, err
			}
		}
		return l, nil
	case isKw(t, "IN"):
		p.advance()
		open, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		if p.atQueryStart() {
			sub, err := p.parseQuery()
			if err != nil {
				return nil, err
			}
			if err := p.expectClose(open, ")"); err != nil {
				return nil, err
			}
			return &InSubquery{Pos: pos, Expr: left, Query: sub, Not: not}, nil
		}
		if c := p.tok(); isPunct(c, ")") {
			return nil, p.errAt(c, "an IN list must not be empty")
		}
		list, err := p.parseExprList()
		if err != nil {
			return nil, err
		}
		if sub, ok := list[0].(*Subquery); ok && len(list) == 1 && p.atQueryContinuation() {
			q, err := p.continueQuery(sub.Query)
			if err != nil {
				return nil, err
			}
			if err := p.expectClose(open, ")"); err != nil {
				return nil, err
			}
			return &InSubquery{Pos: pos, Expr: left, Query: q, Not: not}, nil
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return &InList{Pos: pos, Expr: left, List: list, Not: not}, nil
	}
	return nil, p.fail("BETWEEN, IN or LIKE")
}

func (p *parser) parseConcat() (Expr, *Error) {
	left, err := p.parseAdditive()
	if err != nil {
		return nil, err
	}
	for p.acceptPunct("||") {
		right, err := p.parseAdditive()
		if err != nil {
			return nil, err
		}
		left = &Binary{Pos: left.Position(), Op: OpConcat, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) parseAdditive() (Expr, *Error) {
	left, err := p.parseMul()
	if err != nil {
		return nil, err
	}
	for {
		var op BinaryOp
		switch {
		case p.isPunct("+"):
			op = OpAdd
		case p.isPunct("-"):
			op = OpSub
		default:
			return left, nil
		}
		p.advance()
		right, err := p.parseMul()
		if err != nil {
			return nil, err
		}
		left = &Binary{Pos: left.Position(), Op: op, Left: left, Right: right}
	}
}

func (p *parser) parseMul() (Expr, *Error) {
	left, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for {
		var op BinaryOp
		switch {
		case p.isPunct("*"):
			op = OpMul
		case p.isPunct("/"):
			op = OpDiv
		case p.isPunct("%"):
			op = OpMod
		default:
			return left, nil
		}
		p.advance()
		right, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		left = &Binary{Pos: left.Position(), Op: op, Left: left, Right: right}
	}
}

func (p *parser) parseUnary() (Expr, *Error) {
	t := p.tok()
	if !isPunct(t, "-") && !isPunct(t, "+") {
		return p.parseAtTimeZone()
	}
	p.advance()
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	e, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &Unary{Pos: t.pos, Negate: t.text == "-", Expr: e}, nil
}

func (p *parser) parseAtTimeZone() (Expr, *Error) {
	e, err := p.parsePostfix()
	if err != nil {
		return nil, err
	}
	for p.isKw("AT") && isKw(p.peekAt(1), "TIME") && isKw(p.peekAt(2), "ZONE") {
		p.advance()
		p.advance()
		p.advance()
		zone, err := p.parsePostfix()
		if err != nil {
			return nil, err
		}
		e = &AtTimeZone{Pos: e.Position(), Expr: e, Zone: zone}
	}
	return e, nil
}

func (p *parser) parsePostfix() (Expr, *Error) {
	e, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	for {
		switch t := p.tok(); {
		case isPunct(t, "["):
			p.advance()
			idx, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if err := p.expectClose(t, "]"); err != nil {
				return nil, err
			}
			e = &Subscript{Pos: e.Position(), Base: e, Index: idx}
		case isPunct(t, ".") && (p.peekAt(1).kind == tIdent || p.peekAt(1).kind == tQuoted):
			p.advance()
			field, err := p.parseIdent("a field name")
			if err != nil {
				return nil, err
			}
			ref, ok := e.(*ColumnRef)
			if !ok {
				e = &Dereference{Pos: e.Position(), Base: e, Field: field}
				continue
			}
			ref.Parts = append(ref.Parts, field)
			if p.isPunct("(") {
				if e, err = p.parseCall(QualifiedName{Parts: ref.Parts}); err != nil {
					return nil, err
				}
			}
		default:
			return e, nil
		}
	}
}

func (p *parser) parsePrimary() (Expr, *Error) {
	t := p.tok()
	switch t.kind {
	case tInteger, tDecimal, tDouble:
		p.advance()
		kind := Integer
		switch t.kind {
		case tDecimal:
			kind = Decimal
		case tDouble:
			kind = Double
		}
		return &NumberLit{Pos: t.pos, Kind: kind, Text: t.text}, nil
	case tString:
		p.advance()
		return &StringLit{Pos: t.pos, Value: t.val}, nil
	case tUnicode:
		return p.parseUnicode()
	case tBinary:
		p.advance()
		return &BinaryLit{Pos: t.pos, Value: []byte(t.val)}, nil
	case tQuoted:
		return p.parseName()
	case tIdent:
		return p.parseWord()
	case tPunct:
		switch t.text {
		case "(":
			return p.parseParen()
		case "?":
			return nil, p.errAt(t, "parameters (?) are not supported")
		}
	}
	return nil, p.fail("an expression")
}

// parseName parses an identifier used as a value: a column reference, a
// function call or a lambda.
func (p *parser) parseName() (Expr, *Error) {
	t := p.tok()
	id, err := p.parseIdent("an expression")
	if err != nil {
		return nil, err
	}
	switch {
	case p.isPunct("("):
		return p.parseCall(QualifiedName{Parts: []Ident{id}})
	case p.isPunct("->"):
		p.advance()
		body, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		return &Lambda{Pos: t.pos, Params: []Ident{id}, Body: body}, nil
	}
	return &ColumnRef{Pos: t.pos, Parts: []Ident{id}}, nil
}

var unsupportedFuncs = map[string]bool{
	"JSON_ARRAY": true, "JSON_EXISTS": true, "JSON_OBJECT": true, "JSON_QUERY": true,
	"JSON_TABLE": true, "NORMALIZE": true,
}

// parseWord parses an expression that starts with an unquoted word.
func (p *parser) parseWord() (Expr, *Error) {
	t := p.tok()
	switch t.val {
	case "NULL":
		p.advance()
		return &NullLit{Pos: t.pos}, nil
	case "TRUE", "FALSE":
		p.advance()
		return &BoolLit{Pos: t.pos, Value: t.val == "TRUE"}, nil
	case "CASE":
		return p.parseCase()
	case "CAST":
		return p.parseCast(false)
	case "EXISTS":
		p.advance()
		open, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		if !p.atQueryStart() && !p.isPunct("(") {
			return nil, p.fail("a query")
		}
		q, err := p.parseQuery()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return &Exists{Pos: t.pos, Query: q}, nil
	case "EXTRACT":
		return p.parseExtract()
	case "TRIM":
		return p.parseTrim()
	case "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP":
		p.advance()
		sf := &SpecialFunc{Pos: t.pos, Name: t.val, Precision: -1}
		if open := p.tok(); isPunct(open, "(") {
			p.advance()
			n := p.tok()
			if n.kind != tInteger {
				return nil, p.fail("a precision (an integer)")
			}
			v, err := strconv.Atoi(n.text)
			if err != nil || v > 12 {
				return nil, p.errAt(n, "precision %s is out of range (0 to 12)", n.text)
			}
			p.advance()
			if err := p.expectClose(open, ")"); err != nil {
				return nil, err
			}
			sf.Precision = v
		}
		return sf, nil
	case "CURRENT_DATE", "CURRENT_USER", "CURRENT_CATALOG", "CURRENT_SCHEMA", "CURRENT_PATH", "CURRENT_ROLE":
		p.advance()
		return &SpecialFunc{Pos: t.pos, Name: t.val, Precision: -1}, nil
	case "JSON_VALUE":
		if isPunct(p.peekAt(1), "(") {
			return p.parseJSONValue()
		}
	case "JSON_EXISTS":
		if isPunct(p.peekAt(1), "(") {
			return p.parseJSONExists()
		}
	case "JSON_QUERY":
		if isPunct(p.peekAt(1), "(") {
			return p.parseJSONQuery()
		}
	case "LISTAGG":
		if isPunct(p.peekAt(1), "(") {
			p.advance()
			return p.parseCall(QualifiedName{Parts: []Ident{{Pos: t.pos, Name: "listagg"}}})
		}
	case "GROUPING":
		if !isPunct(p.peekAt(1), "(") {
			return nil, p.errAt(t, "GROUPING is a function: GROUPING(column, ...)")
		}
		p.advance()
		return p.parseCall(QualifiedName{Parts: []Ident{{Pos: t.pos, Name: "grouping"}}})
	}
	if unsupportedFuncs[t.val] {
		return nil, p.errAt(t, "%s is not supported", t.val)
	}
	if isReserved(t.val) {
		return nil, p.reservedInExpr(t)
	}
	next := p.peekAt(1)
	switch {
	case t.val == "INTERVAL" && (next.kind == tString || (isPunct(next, "-") || isPunct(next, "+")) && p.peekAt(2).kind == tString):
		return p.parseInterval()
	case next.kind == tString && literalTypes[t.val]:
		p.advance()
		p.advance()
		return &TypedLit{Pos: t.pos, Type: t.val, Value: next.val}, nil
	case t.val == "DOUBLE" && isKw(next, "PRECISION") && p.peekAt(2).kind == tString:
		p.advance()
		p.advance()
		s := p.advance()
		return &TypedLit{Pos: t.pos, Type: "DOUBLE", Value: s.val}, nil
	case t.val == "ARRAY" && isPunct(next, "["):
		p.advance()
		open := p.advance()
		a := &ArrayCtor{Pos: t.pos}
		if !p.isPunct("]") {
			var err *Error
			if a.Elems, err = p.parseExprList(); err != nil {
				return nil, err
			}
		}
		if err := p.expectClose(open, "]"); err != nil {
			return nil, err
		}
		return a, nil
	case t.val == "ROW" && isPunct(next, "("):
		p.advance()
		open := p.advance()
		fields, err := p.parseExprList()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return &RowCtor{Pos: t.pos, Fields: fields}, nil
	case t.val == "TRY_CAST" && isPunct(next, "("):
		return p.parseCast(true)
	case t.val == "POSITION" && isPunct(next, "("):
		p.advance()
		open := p.advance()
		sub, err := p.parseConcat()
		if err != nil {
			return nil, err
		}
		if _, err := p.expectKw("IN"); err != nil {
			return nil, err
		}
		in, err := p.parseConcat()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return &PositionOf{Pos: t.pos, Sub: sub, In: in}, nil
	}
	return p.parseName()
}

// reservedInExpr reports a reserved word where an expression was expected.
// Clause keywords mostly mean a missing expression; other reserved words
// are likely meant as names, so the error says how to quote them.
func (p *parser) reservedInExpr(t token) *Error {
	switch t.val {
	case "AND", "OR", "IS", "IN", "LIKE", "BETWEEN", "THEN", "ELSE", "WHEN", "END", "AS", "ON",
		"USING", "ESCAPE", "BY", "JOIN", "FROM", "WHERE", "HAVING", "UNION", "INTERSECT", "EXCEPT",
		"SELECT", "WITH", "VALUES", "CROSS", "INNER", "LEFT", "RIGHT", "FULL", "NATURAL", "DISTINCT":
		return p.fail("an expression")
	case "GROUP", "ORDER":
		if isKw(p.peekAt(1), "BY") {
			return p.fail("an expression")
		}
	}
	return p.reservedErr(t, "an expression")
}

// parseParen parses what starts with "(": a parenthesised expression, a
// scalar subquery, a row constructor (a, b) or a lambda (x, y) -> body.
func (p *parser) parseParen() (Expr, *Error) {
	open := p.tok()
	if params, ok := p.lambdaParams(); ok {
		p.i += 2*len(params) + 1
		if len(params) == 0 {
			p.i++
		}
		p.advance() // ->
		body, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		return &Lambda{Pos: open.pos, Params: params, Body: body}, nil
	}
	p.advance()
	if p.atQueryStart() {
		q, err := p.parseQuery()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return &Subquery{Pos: open.pos, Query: q}, nil
	}
	first, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if sub, ok := first.(*Subquery); ok && p.atQueryContinuation() {
		q, err := p.continueQuery(sub.Query)
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return &Subquery{Pos: open.pos, Query: q}, nil
	}
	if p.isPunct(",") {
		row := &RowCtor{Pos: open.pos, Fields: []Expr{first}}
		for p.acceptPunct(",") {
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			row.Fields = append(row.Fields, e)
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return row, nil
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return first, nil
}

// lambdaParams reports whether the tokens at "(" are a lambda's parameter
// list "(a, b) ->", returning the parameters.
func (p *parser) lambdaParams() ([]Ident, bool) {
	if isPunct(p.peekAt(1), ")") {
		return []Ident{}, isPunct(p.peekAt(2), "->")
	}
	var params []Ident
	for k := 1; isIdentTok(p.peekAt(k)); k += 2 {
		params = append(params, identOf(p.peekAt(k)))
		switch n := p.peekAt(k + 1); {
		case isPunct(n, ")"):
			return params, isPunct(p.peekAt(k+2), "->")
		case !isPunct(n, ","):
			return nil, false
		}
	}
	return nil, false
}

func (p *parser) parseCall(name QualifiedName) (Expr, *Error) {
	open := p.advance()
	f := &FuncCall{Pos: name.Position(), Name: name}
	single := len(name.Parts) == 1 && !name.Parts[0].Quoted
	switch {
	case p.isPunct(")"):
	case p.isPunct("*"):
		p.advance()
		f.Star = true
	default:
		if p.acceptKw("DISTINCT") {
			f.Distinct = true
		} else if p.isKw("ALL") && p.quantifierAll() {
			p.advance()
		}
		first, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if single && upper(name.Parts[0].Name) == "SUBSTRING" && !f.Distinct && p.isKw("FROM") {
			return p.parseSubstring(name.Parts[0].Pos, open, first)
		}
		f.Args = []Expr{first}
		for p.acceptPunct(",") {
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			f.Args = append(f.Args, e)
		}
		if p.isKw("ORDER") {
			p.advance()
			if _, err := p.expectKw("BY"); err != nil {
				return nil, err
			}
			if f.OrderBy, err = p.parseOrderItems(); err != nil {
				return nil, err
			}
		}
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	if p.isKw("WITHIN") && isKw(p.peekAt(1), "GROUP") {
		// listagg(x, sep) WITHIN GROUP (ORDER BY ...): the order its rows
		// are aggregated in, as an ORDER BY inside the call.
		w := p.advance()
		p.advance()
		wopen, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		if _, err := p.expectKw("ORDER"); err != nil {
			return nil, err
		}
		if _, err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		if f.OrderBy != nil {
			return nil, p.errAt(w, "WITHIN GROUP after an ORDER BY inside the call")
		}
		if f.OrderBy, err = p.parseOrderItems(); err != nil {
			return nil, err
		}
		if err := p.expectClose(wopen, ")"); err != nil {
			return nil, err
		}
	}
	if p.isKw("FILTER") && isPunct(p.peekAt(1), "(") {
		p.advance()
		fopen := p.advance()
		if _, err := p.expectKw("WHERE"); err != nil {
			return nil, err
		}
		cond, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if err := p.expectClose(fopen, ")"); err != nil {
			return nil, err
		}
		f.Filter = cond
	}
	if (p.isKw("IGNORE") || p.isKw("RESPECT")) && isKw(p.peekAt(1), "NULLS") {
		f.NullTreatment = p.advance().val
		p.advance()
	}
	if t := p.tok(); isKw(t, "OVER") {
		p.advance()
		if !p.isPunct("(") {
			if !isIdentTok(p.tok()) {
				return nil, p.fail(`"(" or a window name`)
			}
			t := p.tok()
			id, err := p.parseIdent("a window name")
			if err != nil {
				return nil, err
			}
			f.Over = &Window{Pos: t.pos, Base: &id}
			return f, nil
		}
		w, err := p.parseWindow()
		if err != nil {
			return nil, err
		}
		f.Over = w
	} else if f.NullTreatment != "" {
		return nil, p.fail("OVER")
	}
	return f, nil
}

// quantifierAll reports whether the ALL at the current token, first in a
// call's arguments, is the set quantifier (count(ALL x)) rather than a
// column named all (count(all), f(all IS NULL), substring(all FROM 2)).
func (p *parser) quantifierAll() bool {
	n := p.peekAt(1)
	if n.kind == tPunct || n.kind == tEOF {
		return false
	}
	switch {
	case isKw(n, "NOT"):
		m := p.peekAt(2)
		return !isKw(m, "IN") && !isKw(m, "LIKE") && !isKw(m, "BETWEEN")
	case n.kind == tIdent:
		switch n.val {
		case "AND", "OR", "IS", "IN", "LIKE", "BETWEEN", "AT", "ORDER", "FROM":
			return false
		}
	}
	return true
}

func (p *parser) parseSubstring(pos Pos, open token, str Expr) (Expr, *Error) {
	p.advance() // FROM
	from, err := p.parseConcat()
	if err != nil {
		return nil, err
	}
	s := &Substring{Pos: pos, Expr: str, From: from}
	if p.acceptKw("FOR") {
		if s.For, err = p.parseConcat(); err != nil {
			return nil, err
		}
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return s, nil
}

func (p *parser) parseWindow() (*Window, *Error) {
	open := p.advance()
	w := &Window{Pos: open.pos}
	if t := p.tok(); isIdentTok(t) && !isKw(t, "PARTITION") && !isKw(t, "ORDER") && !isKw(t, "ROWS") && !isKw(t, "RANGE") && !isKw(t, "GROUPS") {
		id, err := p.parseIdent("a window name")
		if err != nil {
			return nil, err
		}
		w.Base = &id
	}
	if p.isKw("PARTITION") {
		p.advance()
		if _, err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		var err *Error
		if w.PartitionBy, err = p.parseExprList(); err != nil {
			return nil, err
		}
	}
	if p.isKw("ORDER") {
		p.advance()
		if _, err := p.expectKw("BY"); err != nil {
			return nil, err
		}
		var err *Error
		if w.OrderBy, err = p.parseOrderItems(); err != nil {
			return nil, err
		}
	}
	if t := p.tok(); isKw(t, "ROWS") || isKw(t, "RANGE") || isKw(t, "GROUPS") {
		p.advance()
		f := &Frame{Pos: t.pos, Unit: t.val}
		between := p.acceptKw("BETWEEN")
		start, err := p.parseBound()
		if err != nil {
			return nil, err
		}
		f.Start = start
		if between {
			if _, err := p.expectKw("AND"); err != nil {
				return nil, err
			}
			end, err := p.parseBound()
			if err != nil {
				return nil, err
			}
			f.End = &end
			if end.Kind == UnboundedPreceding {
				return nil, newError(p.src, end.Pos, "a window frame cannot end at UNBOUNDED PRECEDING")
			}
		}
		if start.Kind == UnboundedFollowing {
			return nil, newError(p.src, start.Pos, "a window frame cannot start at UNBOUNDED FOLLOWING")
		}
		w.Frame = f
	}
	if t := p.tok(); !isPunct(t, ")") && w.Frame == nil {
		var want []string
		if w.PartitionBy == nil && w.OrderBy == nil && w.Base == nil {
			want = append(want, "PARTITION BY")
		}
		if w.OrderBy == nil {
			want = append(want, "ORDER BY")
		}
		want = append(want, "ROWS", "RANGE", `")"`)
		return nil, p.errAt(t, "unexpected %s in the window, expected %s", describe(t), joinOr(want))
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return w, nil
}

func (p *parser) parseBound() (FrameBound, *Error) {
	t := p.tok()
	b := FrameBound{Pos: t.pos}
	switch {
	case isKw(t, "UNBOUNDED"):
		p.advance()
		switch {
		case p.acceptKw("PRECEDING"):
			b.Kind = UnboundedPreceding
		case p.acceptKw("FOLLOWING"):
			b.Kind = UnboundedFollowing
		default:
			return b, p.fail("PRECEDING or FOLLOWING")
		}
		return b, nil
	case isKw(t, "CURRENT") && isKw(p.peekAt(1), "ROW"):
		p.advance()
		p.advance()
		b.Kind = CurrentRow
		return b, nil
	}
	off, err := p.parseConcat()
	if err != nil {
		return b, err
	}
	b.Offset = off
	switch {
	case p.acceptKw("PRECEDING"):
		b.Kind = Preceding
	case p.acceptKw("FOLLOWING"):
		b.Kind = Following
	default:
		return b, p.fail("PRECEDING or FOLLOWING")
	}
	return b, nil
}

func (p *parser) parseCase() (Expr, *Error) {
	start := p.advance()
	c := &Case{Pos: start.pos}
	if !p.isKw("WHEN") {
		op, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		c.Operand = op
	}
	for {
		t := p.tok()
		if !isKw(t, "WHEN") {
			break
		}
		p.advance()
		cond, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expectKw("THEN"); err != nil {
			return nil, err
		}
		res, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		c.Whens = append(c.Whens, &When{Pos: t.pos, Cond: cond, Result: res})
	}
	if len(c.Whens) == 0 {
		return nil, p.fail("WHEN")
	}
	if p.acceptKw("ELSE") {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		c.Else = e
	}
	if !p.isKw("END") {
		t := p.tok()
		want := "WHEN, ELSE or END"
		if c.Else != nil {
			want = "END"
		}
		return nil, p.errAt(t, "expected %s but found %s (to close the CASE at line %d:%d)", want, describe(t), start.pos.Line, start.pos.Column)
	}
	p.advance()
	return c, nil
}

func (p *parser) parseCast(try bool) (Expr, *Error) {
	start := p.advance()
	open, err := p.expectPunct("(")
	if err != nil {
		return nil, err
	}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if _, err := p.expectKw("AS"); err != nil {
		return nil, err
	}
	typ, err := p.parseType()
	if err != nil {
		return nil, err
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return &Cast{Pos: start.pos, Expr: e, Type: typ, Try: try}, nil
}

func (p *parser) parseExtract() (Expr, *Error) {
	start := p.advance()
	open, err := p.expectPunct("(")
	if err != nil {
		return nil, err
	}
	f := p.tok()
	if f.kind != tIdent || !extractFields[f.val] {
		if f.kind == tIdent || f.kind == tQuoted {
			return nil, p.errAt(f, "unknown EXTRACT field %s: expected YEAR, QUARTER, MONTH, WEEK, DAY, DAY_OF_WEEK, DAY_OF_YEAR, HOUR, MINUTE, SECOND, ...", f.text)
		}
		return nil, p.fail("a field name such as YEAR or HOUR")
	}
	p.advance()
	if _, err := p.expectKw("FROM"); err != nil {
		return nil, err
	}
	from, err := p.parseConcat()
	if err != nil {
		return nil, err
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return &Extract{Pos: start.pos, Field: f.val, From: from}, nil
}

func (p *parser) parseTrim() (Expr, *Error) {
	start := p.advance()
	open, err := p.expectPunct("(")
	if err != nil {
		return nil, err
	}
	tr := &Trim{Pos: start.pos}
	if t := p.tok(); isKw(t, "BOTH") || isKw(t, "LEADING") || isKw(t, "TRAILING") {
		p.advance()
		tr.Spec = t.val
	}
	if p.acceptKw("FROM") {
		if tr.From, err = p.parseConcat(); err != nil {
			return nil, err
		}
	} else {
		e, err := p.parseConcat()
		if err != nil {
			return nil, err
		}
		switch {
		case p.acceptKw("FROM"):
			tr.Chars = e
			if tr.From, err = p.parseConcat(); err != nil {
				return nil, err
			}
		case tr.Spec == "" && p.acceptPunct(","):
			tr.From = e
			if tr.Chars, err = p.parseConcat(); err != nil {
				return nil, err
			}
		case tr.Spec == "":
			tr.From = e
		default:
			return nil, p.fail("FROM")
		}
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return tr, nil
}

func (p *parser) parseInterval() (Expr, *Error) {
	start := p.advance()
	iv := &IntervalLit{Pos: start.pos}
	if t := p.tok(); isPunct(t, "-") || isPunct(t, "+") {
		p.advance()
		iv.Negative = t.text == "-"
	}
	iv.Value = p.advance().val
	from, err := p.parseIntervalField()
	if err != nil {
		return nil, err
	}
	iv.From = from
	if p.acceptKw("TO") {
		if iv.To, err = p.parseIntervalField(); err != nil {
			return nil, err
		}
	}
	return iv, nil
}

func (p *parser) parseIntervalField() (string, *Error) {
	t := p.tok()
	if t.kind == tIdent && intervalFields[t.val] {
		p.advance()
		return t.val, nil
	}
	if t.kind == tIdent && intervalFields[strings.TrimSuffix(t.val, "S")] {
		return "", p.errAt(t, "unknown interval unit %s: write %s (units are singular)", t.text, strings.TrimSuffix(t.val, "S"))
	}
	return "", p.fail("an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND)")
}

// parseUnicode decodes U&'...' [UESCAPE 'c'].
func (p *parser) parseUnicode() (Expr, *Error) {
	t := p.advance()
	esc := '\\'
	if p.isKw("UESCAPE") {
		p.advance()
		e := p.tok()
		if e.kind != tString {
			return nil, p.fail("a one-character string after UESCAPE")
		}
		r, n := utf8.DecodeRuneInString(e.val)
		if n == 0 || n != len(e.val) || r == '+' || r == '\'' || r == '"' || r == ' ' || isHex(r) {
			return nil, p.errAt(e, "UESCAPE must be one character other than a hexadecimal digit, '+', quote or space")
		}
		p.advance()
		esc = r
	}
	var b strings.Builder
	s := t.val
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != esc {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		i += n
		rest := s[i:]
		width := 4
		if strings.HasPrefix(rest, string(esc)) {
			b.WriteRune(esc)
			i += len(string(esc))
			continue
		}
		if strings.HasPrefix(rest, "+") {
			width = 6
			rest = rest[1:]
			i++
		}
		if len(rest) < width || !allHex(rest[:width]) {
			return nil, p.errAt(t, "invalid Unicode escape in U& string: expected %d hexadecimal digits after %s", width, string(esc))
		}
		v, _ := strconv.ParseUint(rest[:width], 16, 32)
		if v > utf8.MaxRune || v >= 0xD800 && v <= 0xDFFF {
			return nil, p.errAt(t, "invalid Unicode code point %s in U& string", rest[:width])
		}
		b.WriteRune(rune(v))
		i += width
	}
	return &StringLit{Pos: t.pos, Value: b.String()}, nil
}

func isHex(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}

func allHex(s string) bool {
	for _, r := range s {
		if !isHex(r) {
			return false
		}
	}
	return true
}

// ---- types ----

func (p *parser) parseType() (*DataType, *Error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.tok()
	if t.kind != tIdent {
		return nil, p.fail("a type name")
	}
	if isReserved(t.val) {
		return nil, p.errAt(t, "expected a type name but found the reserved word %s", t.val)
	}
	p.advance()
	dt := &DataType{Pos: t.pos, Name: t.val}
	switch {
	case t.val == "ROW":
		open, err := p.expectPunct("(")
		if err != nil {
			return nil, err
		}
		for {
			var f RowField
			n := p.tok()
			next := p.peekAt(1)
			if isIdentTok(n) && next.kind == tIdent && !isReserved(next.val) && !(isKw(n, "DOUBLE") && isKw(next, "PRECISION")) {
				id := identOf(n)
				p.advance()
				f.Name = &id
			}
			if f.Type, err = p.parseType(); err != nil {
				return nil, err
			}
			dt.Fields = append(dt.Fields, f)
			if !p.acceptPunct(",") {
				break
			}
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
		return dt, nil
	case t.val == "INTERVAL":
		from, err := p.parseIntervalField()
		if err != nil {
			return nil, err
		}
		dt.From = from
		if p.acceptKw("TO") {
			if dt.To, err = p.parseIntervalField(); err != nil {
				return nil, err
			}
		}
		return dt, nil
	case t.val == "DOUBLE":
		p.acceptKw("PRECISION")
		return dt, nil
	case (t.val == "ARRAY" || t.val == "MAP") && p.isPunct("<"):
		open := p.advance()
		for {
			el, err := p.parseType()
			if err != nil {
				return nil, err
			}
			dt.Params = append(dt.Params, TypeParam{Type: el})
			if t.val == "ARRAY" || len(dt.Params) == 2 || !p.acceptPunct(",") {
				break
			}
		}
		if t.val == "MAP" && len(dt.Params) != 2 {
			return nil, p.fail(`","`)
		}
		if err := p.expectClose(open, ">"); err != nil {
			return nil, err
		}
		return dt, nil
	}
	if open := p.tok(); isPunct(open, "(") {
		p.advance()
		for {
			if n := p.tok(); n.kind == tInteger {
				v, err := strconv.ParseInt(n.text, 10, 64)
				if err != nil {
					return nil, p.errAt(n, "type parameter %s is too large", n.text)
				}
				p.advance()
				dt.Params = append(dt.Params, TypeParam{Num: v})
			} else {
				el, err := p.parseType()
				if err != nil {
					return nil, err
				}
				dt.Params = append(dt.Params, TypeParam{Type: el})
			}
			if !p.acceptPunct(",") {
				break
			}
		}
		if err := p.expectClose(open, ")"); err != nil {
			return nil, err
		}
	}
	if t.val == "TIMESTAMP" || t.val == "TIME" {
		if len(dt.Params) > 1 || len(dt.Params) == 1 && dt.Params[0].Type != nil {
			return nil, newError(p.src, t.pos, "%s takes at most one parameter, its precision", t.val)
		}
		switch {
		case p.isKw("WITH") && isKw(p.peekAt(1), "TIME") && isKw(p.peekAt(2), "ZONE"):
			p.i += 3
			dt.WithTimeZone = true
		case p.isKw("WITHOUT"):
			p.advance()
			if _, err := p.expectKw("TIME"); err != nil {
				return nil, err
			}
			if _, err := p.expectKw("ZONE"); err != nil {
				return nil, err
			}
		}
	}
	return dt, nil
}

// parseJSONValue parses JSON_VALUE(json [FORMAT JSON], 'path' [RETURNING
// type] [NULL ON EMPTY] [NULL ON ERROR]) into a call of json_value, cast
// with TRY_CAST to the RETURNING type (NULL on error is the default).
func (p *parser) parseJSONValue() (Expr, *Error) {
	t := p.advance()
	open, doc, path, err := p.jsonArgs("JSON_VALUE")
	if err != nil {
		return nil, err
	}
	var e Expr = &FuncCall{Pos: t.pos, Name: QualifiedName{Parts: []Ident{{Pos: t.pos, Name: "json_value"}}}, Args: []Expr{doc, path}}
	if p.acceptKw("RETURNING") {
		dt, err := p.parseType()
		if err != nil {
			return nil, err
		}
		e = &Cast{Pos: t.pos, Expr: e, Type: dt, Try: true}
	}
	// ON EMPTY (the path selects nothing) and ON ERROR (it selects no
	// scalar, or the value does not cast): NULL, the default, or DEFAULT x.
	var onEmpty, onError Expr
	for p.isKw("NULL") || p.isKw("ERROR") || p.isKw("DEFAULT") {
		w := p.tok()
		var dflt Expr
		switch {
		case isKw(w, "ERROR"):
			return nil, p.errAt(w, "JSON_VALUE ... ERROR ON EMPTY/ERROR is not supported (NULL and DEFAULT are)")
		case isKw(w, "DEFAULT"):
			p.advance()
			var err *Error
			if dflt, err = p.parseConcat(); err != nil {
				return nil, err
			}
		default:
			p.advance()
		}
		empty, err := p.onEmptyOrError()
		if err != nil {
			return nil, err
		}
		if empty {
			onEmpty = dflt
		} else {
			onError = dflt
		}
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	if onEmpty == nil && onError == nil {
		return e, nil
	}
	// CASE WHEN the path selects nothing THEN the empty default WHEN it
	// selects a JSON null THEN NULL WHEN the value is NULL THEN the error
	// default ELSE the value END.
	item := &FuncCall{Pos: t.pos, Name: QualifiedName{Parts: []Ident{{Pos: t.pos, Name: "$json_value_item"}}}, Args: []Expr{doc, path}}
	c := &Case{Pos: t.pos, Else: e}
	null := func() Expr { return &NullLit{Pos: t.pos} }
	if onEmpty == nil {
		onEmpty = null()
	}
	if onError == nil {
		onError = null()
	}
	isJSONNull := &Binary{Pos: t.pos, Op: OpEq, Left: item, Right: &StringLit{Pos: t.pos, Value: "null"}}
	c.Whens = []*When{
		{Pos: t.pos, Cond: &IsNull{Pos: t.pos, Expr: item}, Result: onEmpty},
		{Pos: t.pos, Cond: isJSONNull, Result: null()},
		{Pos: t.pos, Cond: &IsNull{Pos: t.pos, Expr: e}, Result: onError},
	}
	return c, nil
}

// jsonArgs parses "(json [FORMAT JSON], 'path'" of the SQL/JSON functions,
// after their name; PASSING is refused.
func (p *parser) jsonArgs(name string) (open token, doc, path Expr, err *Error) {
	open = p.advance()
	if doc, err = p.parseExpr(); err != nil {
		return open, nil, nil, err
	}
	if p.isKw("FORMAT") {
		p.advance()
		if _, err := p.expectKw("JSON"); err != nil {
			return open, nil, nil, err
		}
	}
	if _, err := p.expectPunct(","); err != nil {
		return open, nil, nil, err
	}
	if path, err = p.parseExpr(); err != nil {
		return open, nil, nil, err
	}
	if w := p.tok(); isKw(w, "PASSING") {
		return open, nil, nil, p.errAt(w, "%s ... PASSING is not supported", name)
	}
	return open, doc, path, nil
}

// parseJSONExists parses JSON_EXISTS(json [FORMAT JSON], 'path' [TRUE |
// FALSE | UNKNOWN ON ERROR]) into $json_exists(json, path, on error), the
// last 'true', 'false' or 'unknown' (FALSE, the default).
func (p *parser) parseJSONExists() (Expr, *Error) {
	t := p.advance()
	open, doc, path, err := p.jsonArgs("JSON_EXISTS")
	if err != nil {
		return nil, err
	}
	onError := "false"
	if w := p.tok(); isKw(w, "TRUE") || isKw(w, "FALSE") || isKw(w, "UNKNOWN") || isKw(w, "ERROR") {
		if isKw(w, "ERROR") {
			return nil, p.errAt(w, "JSON_EXISTS ... ERROR ON ERROR is not supported (TRUE, FALSE and UNKNOWN are)")
		}
		p.advance()
		onError = strings.ToLower(w.val)
		if _, err := p.expectKw("ON"); err != nil {
			return nil, err
		}
		if _, err := p.expectKw("ERROR"); err != nil {
			return nil, err
		}
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	return &FuncCall{Pos: t.pos, Name: QualifiedName{Parts: []Ident{{Pos: t.pos, Name: "$json_exists"}}},
		Args: []Expr{doc, path, &StringLit{Pos: t.pos, Value: onError}}}, nil
}

// parseJSONQuery parses JSON_QUERY(json [FORMAT JSON], 'path' [RETURNING
// varchar | json] [WITHOUT [ARRAY] WRAPPER | WITH [CONDITIONAL |
// UNCONDITIONAL] [ARRAY] WRAPPER] [KEEP | OMIT QUOTES [ON SCALAR STRING]]
// [NULL | EMPTY ARRAY | EMPTY OBJECT ON EMPTY] [... ON ERROR]) into
// $json_query(json, path, options), the options one text: the wrapper
// ("without", "conditional", "unconditional"), "omit" or "keep", and what
// empty and error give ("null", "[]", "{}"), separated by spaces.
func (p *parser) parseJSONQuery() (Expr, *Error) {
	t := p.advance()
	open, doc, path, err := p.jsonArgs("JSON_QUERY")
	if err != nil {
		return nil, err
	}
	if p.acceptKw("RETURNING") {
		dt, err := p.parseType()
		if err != nil {
			return nil, err
		}
		if n := strings.ToLower(dt.Name); n != "varchar" && n != "json" {
			return nil, p.errAt(t, "JSON_QUERY ... RETURNING %s is not supported (varchar and json are)", dt.Name)
		}
		if p.isKw("FORMAT") {
			p.advance()
			if _, err := p.expectKw("JSON"); err != nil {
				return nil, err
			}
		}
	}
	wrapper, quotes, onEmpty, onError := "without", "keep", "null", "null"
	switch {
	case p.acceptKw("WITHOUT"):
		p.acceptKw("ARRAY")
		if _, err := p.expectKw("WRAPPER"); err != nil {
			return nil, err
		}
	case p.acceptKw("WITH"):
		wrapper = "unconditional"
		if p.acceptKw("CONDITIONAL") {
			wrapper = "conditional"
		} else {
			p.acceptKw("UNCONDITIONAL")
		}
		p.acceptKw("ARRAY")
		if _, err := p.expectKw("WRAPPER"); err != nil {
			return nil, err
		}
	}
	if p.isKw("KEEP") || p.isKw("OMIT") {
		quotes = strings.ToLower(p.advance().val)
		if _, err := p.expectKw("QUOTES"); err != nil {
			return nil, err
		}
		if p.acceptKw("ON") {
			if _, err := p.expectKw("SCALAR"); err != nil {
				return nil, err
			}
			if _, err := p.expectKw("STRING"); err != nil {
				return nil, err
			}
		}
	}
	for p.isKw("NULL") || p.isKw("EMPTY") || p.isKw("ERROR") {
		w := p.tok()
		var what string
		switch {
		case isKw(w, "ERROR"):
			return nil, p.errAt(w, "JSON_QUERY ... ERROR ON EMPTY/ERROR is not supported (NULL, EMPTY ARRAY and EMPTY OBJECT are)")
		case p.acceptKw("NULL"):
			what = "null"
		default:
			p.advance()
			switch {
			case p.acceptKw("ARRAY"):
				what = "[]"
			case p.acceptKw("OBJECT"):
				what = "{}"
			default:
				return nil, p.fail("ARRAY or OBJECT")
			}
		}
		empty, err := p.onEmptyOrError()
		if err != nil {
			return nil, err
		}
		if empty {
			onEmpty = what
		} else {
			onError = what
		}
	}
	if err := p.expectClose(open, ")"); err != nil {
		return nil, err
	}
	opts := strings.Join([]string{wrapper, quotes, onEmpty, onError}, " ")
	return &FuncCall{Pos: t.pos, Name: QualifiedName{Parts: []Ident{{Pos: t.pos, Name: "$json_query"}}},
		Args: []Expr{doc, path, &StringLit{Pos: t.pos, Value: opts}}}, nil
}

// onEmptyOrError parses "ON EMPTY" (empty) or "ON ERROR" after the value
// of an SQL/JSON function's clause.
func (p *parser) onEmptyOrError() (empty bool, err *Error) {
	if _, err := p.expectKw("ON"); err != nil {
		return false, err
	}
	switch {
	case p.acceptKw("EMPTY"):
		return true, nil
	case p.acceptKw("ERROR"):
		return false, nil
	}
	return false, p.fail("EMPTY or ERROR")
}
