package parse

import (
	"encoding/hex"
	"strconv"
	"strings"
)

// Format renders a node as normalised SQL: keywords upper-case, identifiers
// and function names as written (quoted ones quoted), and only the
// parentheses the grammar needs. For any statement s that parses,
// Parse(Format(s)) yields s again, positions aside. Format of a nil node is
// the empty string.
func Format(n Node) string {
	var p printer
	p.node(n)
	return p.b.String()
}

type printer struct {
	b strings.Builder
}

func (p *printer) w(s string) { p.b.WriteString(s) }

// Operator precedence, loosest first, following Trino's grammar.
const (
	precLambda = iota
	precOr
	precAnd
	precNot
	precPred // comparison, IS, IN, LIKE, BETWEEN
	precConcat
	precAdd
	precMul
	precUnary
	precAtTZ
	precPrimary
)

func precOf(e Expr) int {
	switch e := e.(type) {
	case *Lambda:
		return precLambda
	case *Binary:
		switch {
		case e.Op == OpOr:
			return precOr
		case e.Op == OpAnd:
			return precAnd
		case e.Op.IsComparison():
			return precPred
		case e.Op == OpConcat:
			return precConcat
		case e.Op == OpAdd || e.Op == OpSub:
			return precAdd
		default:
			return precMul
		}
	case *Not:
		return precNot
	case *IsNull, *IsDistinctFrom, *Between, *InList, *InSubquery, *Like, *QuantifiedComparison:
		return precPred
	case *Unary:
		return precUnary
	case *AtTimeZone:
		return precAtTZ
	}
	return precPrimary
}

func (p *printer) node(n Node) {
	switch n := n.(type) {
	case nil:
	case Statement:
		p.stmt(n)
	case Expr:
		p.expr(n, precLambda)
	case Relation:
		p.relation(n)
	case QueryBody:
		p.body(n)
	case SelectItem:
		p.selectItem(n)
	case *OrderItem:
		p.orderItem(n)
	case *Window:
		p.window(n)
	case *Frame:
		p.frame(n)
	case *When:
		p.w("WHEN ")
		p.expr(n.Cond, precLambda)
		p.w(" THEN ")
		p.expr(n.Result, precLambda)
	case *With:
		p.with(n)
	case *CTE:
		p.cte(n)
	case *DataType:
		p.dataType(n)
	case *Offset:
		p.w("OFFSET " + strconv.FormatInt(n.Count, 10))
	case *Limit:
		p.limit(n)
	case Ident:
		p.ident(n)
	case QualifiedName:
		p.qname(n)
	}
}

func (p *printer) stmt(s Statement) {
	switch s := s.(type) {
	case *Query:
		if s != nil {
			p.query(s)
		}
	case *Explain:
		p.w("EXPLAIN ")
		if s.Analyze {
			p.w("ANALYZE ")
			if s.Verbose {
				p.w("VERBOSE ")
			}
		} else if s.Type != "" || s.Format != "" {
			p.w("(")
			if s.Type != "" {
				p.w("TYPE " + s.Type)
				if s.Format != "" {
					p.w(", ")
				}
			}
			if s.Format != "" {
				p.w("FORMAT " + s.Format)
			}
			p.w(") ")
		}
		p.stmt(s.Stmt)
	case *ShowTables:
		p.w("SHOW TABLES")
		if s.From != nil {
			p.w(" FROM ")
			p.qname(*s.From)
		}
		if s.Like != nil {
			p.w(" LIKE " + quoteString(s.Like.Value))
			if s.Escape != nil {
				p.w(" ESCAPE " + quoteString(s.Escape.Value))
			}
		}
	case *ShowPartitions:
		p.w("SHOW PARTITIONS ")
		p.qname(s.Table)
	case *Describe:
		p.w("DESCRIBE ")
		p.qname(s.Table)
	}
}

func (p *printer) with(w *With) {
	p.w("WITH ")
	for i, c := range w.CTEs {
		if i > 0 {
			p.w(", ")
		}
		p.cte(c)
	}
}

func (p *printer) cte(c *CTE) {
	p.ident(c.Name)
	if c.Columns != nil {
		p.identList(c.Columns)
	}
	p.w(" AS (")
	p.query(c.Query)
	p.w(")")
}

func (p *printer) query(q *Query) {
	if q.With != nil {
		p.with(q.With)
		p.w(" ")
	}
	p.body(q.Body)
	if len(q.OrderBy) > 0 {
		p.w(" ORDER BY ")
		p.orderItems(q.OrderBy)
	}
	if q.Offset != nil {
		p.w(" OFFSET " + strconv.FormatInt(q.Offset.Count, 10))
	}
	if q.Limit != nil {
		p.w(" ")
		p.limit(q.Limit)
	}
}

func (p *printer) limit(l *Limit) {
	if l.All {
		p.w("LIMIT ALL")
	} else if l.Ties {
		p.w("FETCH FIRST " + strconv.FormatInt(l.Count, 10) + " ROWS WITH TIES")
	} else {
		p.w("LIMIT " + strconv.FormatInt(l.Count, 10))
	}
}

func setPrec(op SetOpKind) int {
	if op == Intersect {
		return 2
	}
	return 1
}

// body prints a query body; min is the set-operation precedence below which
// a nested set operation needs parentheses.
func (p *printer) body(b QueryBody) { p.bodyPrec(b, 0) }

func (p *printer) bodyPrec(b QueryBody, min int) {
	switch b := b.(type) {
	case *Query:
		p.w("(")
		p.query(b)
		p.w(")")
	case *SetOp:
		prec := setPrec(b.Op)
		if prec < min {
			p.w("(")
		}
		p.bodyPrec(b.Left, prec)
		p.w(" " + b.Op.String())
		if b.All {
			p.w(" ALL")
		}
		p.w(" ")
		p.bodyPrec(b.Right, prec+1)
		if prec < min {
			p.w(")")
		}
	case *Select:
		p.sel(b)
	case *Values:
		p.w("VALUES ")
		for i, r := range b.Rows {
			if i > 0 {
				p.w(", ")
			}
			if row, ok := r.(*RowCtor); ok && len(row.Fields) > 1 {
				p.w("(")
				p.exprList(row.Fields)
				p.w(")")
			} else {
				p.expr(r, precLambda)
			}
		}
	}
}

func (p *printer) sel(s *Select) {
	p.w("SELECT ")
	if s.Distinct {
		p.w("DISTINCT ")
	}
	for i, it := range s.Items {
		if i > 0 {
			p.w(", ")
		}
		if se, ok := it.(*SelectExpr); ok && i == 0 && !s.Distinct {
			p.guarded(se.Expr, precLambda, "ALL")
			if se.Alias != nil {
				p.w(" AS ")
				p.ident(*se.Alias)
			}
			continue
		}
		p.selectItem(it)
	}
	if len(s.From) > 0 {
		p.w(" FROM ")
		for i, r := range s.From {
			if i > 0 {
				p.w(", ")
			}
			p.relation(r)
		}
	}
	if s.Where != nil {
		p.w(" WHERE ")
		p.expr(s.Where, precLambda)
	}
	if len(s.GroupBy) > 0 || len(s.Grouping) > 0 {
		p.w(" GROUP BY ")
		if s.GroupDistinct {
			p.w("DISTINCT ")
		}
		p.exprList(s.GroupBy)
		for i, g := range s.Grouping {
			if i > 0 || len(s.GroupBy) > 0 {
				p.w(", ")
			}
			p.w(g.Kind.String() + " (")
			for j, set := range g.Sets {
				if j > 0 {
					p.w(", ")
				}
				if g.Kind == GroupingSets || len(set) != 1 {
					p.w("(")
					p.exprList(set)
					p.w(")")
				} else {
					p.expr(set[0], precLambda)
				}
			}
			p.w(")")
		}
	}
	if s.Having != nil {
		p.w(" HAVING ")
		p.expr(s.Having, precLambda)
	}
	for i, nw := range s.Windows {
		if i == 0 {
			p.w(" WINDOW ")
		} else {
			p.w(", ")
		}
		p.ident(nw.Name)
		p.w(" AS (")
		p.window(nw.Spec)
		p.w(")")
	}
}

// guarded prints e, in parentheses when the printed text would begin with
// one of the words, which the context would read as a keyword.
func (p *printer) guarded(e Expr, min int, words ...string) {
	if w := leadingWord(e, min); w != "" {
		for _, hazard := range words {
			if w == hazard {
				p.w("(")
				p.expr(e, precLambda)
				p.w(")")
				return
			}
		}
	}
	p.expr(e, min)
}

func (p *printer) selectItem(it SelectItem) {
	switch it := it.(type) {
	case *AllColumns:
		for _, q := range it.Qualifier {
			p.ident(q)
			p.w(".")
		}
		p.w("*")
	case *SelectExpr:
		p.expr(it.Expr, precLambda)
		if it.Alias != nil {
			p.w(" AS ")
			p.ident(*it.Alias)
		}
	}
}

func (p *printer) orderItems(items []*OrderItem) {
	for i, o := range items {
		if i > 0 {
			p.w(", ")
		}
		p.orderItem(o)
	}
}

func (p *printer) orderItem(o *OrderItem) {
	p.expr(o.Expr, precLambda)
	if o.Desc {
		p.w(" DESC")
	}
	switch o.Nulls {
	case NullsFirst:
		p.w(" NULLS FIRST")
	case NullsLast:
		p.w(" NULLS LAST")
	}
}

func (p *printer) relation(r Relation) {
	switch r := r.(type) {
	case *Table:
		p.qname(r.Name)
	case *Aliased:
		wrap := false
		switch r.Rel.(type) {
		case *Join, *Aliased:
			wrap = true
		}
		if wrap {
			p.w("(")
		}
		p.relation(r.Rel)
		if wrap {
			p.w(")")
		}
		p.w(" AS ")
		p.ident(r.Alias)
		if r.Columns != nil {
			p.identList(r.Columns)
		}
	case *TableSubquery:
		p.w("(")
		p.query(r.Query)
		p.w(")")
	case *Unnest:
		p.w("UNNEST(")
		p.exprList(r.Exprs)
		p.w(")")
		if r.Ordinality {
			p.w(" WITH ORDINALITY")
		}
	case *Sampled:
		p.relation(r.Rel)
		p.w(" TABLESAMPLE " + r.Method + " (")
		p.expr(r.Percent, precLambda)
		p.w(")")
	case *Lateral:
		p.w("LATERAL (")
		p.query(r.Query)
		p.w(")")
	case *Join:
		p.relation(r.Left)
		p.w(" " + r.Type.String() + " ")
		// The right side of a join with a condition may itself be a join
		// (a JOIN b JOIN c ON p ON q); that of a CROSS JOIN may not.
		_, rightJoin := r.Right.(*Join)
		rightJoin = rightJoin && r.Type == CrossJoin
		if rightJoin {
			p.w("(")
		}
		p.relation(r.Right)
		if rightJoin {
			p.w(")")
		}
		if r.On != nil {
			p.w(" ON ")
			p.expr(r.On, precLambda)
		} else if r.Using != nil {
			p.w(" USING ")
			p.identList(r.Using)
		}
	}
}

func (p *printer) identList(ids []Ident) {
	p.w("(")
	for i, id := range ids {
		if i > 0 {
			p.w(", ")
		}
		p.ident(id)
	}
	p.w(")")
}

func (p *printer) exprList(es []Expr) {
	for i, e := range es {
		if i > 0 {
			p.w(", ")
		}
		p.expr(e, precLambda)
	}
}

func (p *printer) qname(q QualifiedName) { p.parts(q.Parts) }

func (p *printer) parts(ids []Ident) {
	for i, id := range ids {
		if i > 0 {
			p.w(".")
		}
		p.ident(id)
	}
}

func (p *printer) ident(id Ident) {
	if !id.Quoted && isPlainIdent(id.Name) {
		p.w(id.Name)
		return
	}
	p.w(quoteIdent(id.Name))
}

// isPlainIdent reports whether s can be written without quotes and still
// read back as the same unquoted identifier.
func isPlainIdent(s string) bool {
	if s == "" || !(isLetter(s[0]) || s[0] == '_') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return !isReserved(upper(s))
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// expr prints e, in parentheses when it binds more loosely than min.
func (p *printer) expr(e Expr, min int) {
	if e == nil {
		return
	}
	if precOf(e) < min {
		p.w("(")
		p.expr(e, precLambda)
		p.w(")")
		return
	}
	switch e := e.(type) {
	case *ColumnRef:
		p.parts(e.Parts)
	case *Dereference:
		if _, num := e.Base.(*NumberLit); num {
			p.w("(")
			p.expr(e.Base, precLambda)
			p.w(")")
		} else {
			p.expr(e.Base, precPrimary)
		}
		p.w(".")
		p.ident(e.Field)
	case *Subscript:
		if isWordRef(e.Base, "ARRAY") {
			p.w("(")
			p.expr(e.Base, precLambda)
			p.w(")")
		} else {
			p.expr(e.Base, precPrimary)
		}
		p.w("[")
		p.expr(e.Index, precLambda)
		p.w("]")
	case *NullLit:
		p.w("NULL")
	case *BoolLit:
		if e.Value {
			p.w("TRUE")
		} else {
			p.w("FALSE")
		}
	case *NumberLit:
		p.w(e.Text)
	case *StringLit:
		p.w(quoteString(e.Value))
	case *BinaryLit:
		p.w("X'" + strings.ToUpper(hex.EncodeToString(e.Value)) + "'")
	case *TypedLit:
		p.w(e.Type + " " + quoteString(e.Value))
	case *IntervalLit:
		p.w("INTERVAL ")
		if e.Negative {
			p.w("-")
		}
		p.w(quoteString(e.Value) + " " + e.From)
		if e.To != "" {
			p.w(" TO " + e.To)
		}
	case *SpecialFunc:
		p.w(e.Name)
		if e.Precision >= 0 {
			p.w("(" + strconv.Itoa(e.Precision) + ")")
		}
	case *Binary:
		prec := precOf(e)
		left, right := prec, prec+1
		if prec == precPred {
			left, right = precConcat, precConcat
		}
		if (e.Op == OpAdd || e.Op == OpSub) && isWordRef(rightmost(e.Left), "INTERVAL") && startsWithString(e.Right, right) {
			// "interval - 'x'" would read as an interval literal.
			left = precPrimary + 1
		}
		p.expr(e.Left, left)
		p.w(" " + e.Op.String() + " ")
		p.expr(e.Right, right)
	case *Unary:
		if e.Negate {
			p.w("-")
		} else {
			p.w("+")
		}
		if _, ok := e.Expr.(*Unary); ok {
			p.w(" ") // "- -x", not "--x", which would start a comment
		}
		p.expr(e.Expr, precUnary)
	case *Not:
		p.w("NOT ")
		p.expr(e.Expr, precNot)
	case *IsNull:
		p.expr(e.Expr, precConcat)
		if e.Not {
			p.w(" IS NOT NULL")
		} else {
			p.w(" IS NULL")
		}
	case *IsDistinctFrom:
		p.expr(e.Left, precConcat)
		if e.Not {
			p.w(" IS NOT DISTINCT FROM ")
		} else {
			p.w(" IS DISTINCT FROM ")
		}
		p.expr(e.Right, precConcat)
	case *Between:
		p.expr(e.Expr, precConcat)
		p.not(e.Not)
		p.w(" BETWEEN ")
		p.expr(e.Low, precConcat)
		p.w(" AND ")
		p.expr(e.High, precConcat)
	case *InList:
		p.expr(e.Expr, precConcat)
		p.not(e.Not)
		p.w(" IN (")
		p.exprList(e.List)
		p.w(")")
	case *InSubquery:
		p.expr(e.Expr, precConcat)
		p.not(e.Not)
		p.w(" IN (")
		p.query(e.Query)
		p.w(")")
	case *Like:
		p.expr(e.Expr, precConcat)
		p.not(e.Not)
		p.w(" LIKE ")
		p.expr(e.Pattern, precConcat)
		if e.Escape != nil {
			p.w(" ESCAPE ")
			p.expr(e.Escape, precConcat)
		}
	case *QuantifiedComparison:
		p.expr(e.Left, precConcat)
		p.w(" " + e.Op.String() + " " + e.Quantifier + " (")
		p.query(e.Query)
		p.w(")")
	case *Exists:
		p.w("EXISTS (")
		p.query(e.Query)
		p.w(")")
	case *Subquery:
		p.w("(")
		p.query(e.Query)
		p.w(")")
	case *FuncCall:
		p.call(e)
	case *Cast:
		if e.Try {
			p.w("TRY_CAST(")
		} else {
			p.w("CAST(")
		}
		p.expr(e.Expr, precLambda)
		p.w(" AS ")
		p.dataType(e.Type)
		p.w(")")
	case *Case:
		p.w("CASE")
		if e.Operand != nil {
			p.w(" ")
			p.expr(e.Operand, precLambda)
		}
		for _, wh := range e.Whens {
			p.w(" WHEN ")
			p.expr(wh.Cond, precLambda)
			p.w(" THEN ")
			p.expr(wh.Result, precLambda)
		}
		if e.Else != nil {
			p.w(" ELSE ")
			p.expr(e.Else, precLambda)
		}
		p.w(" END")
	case *Extract:
		p.w("EXTRACT(" + e.Field + " FROM ")
		p.expr(e.From, precConcat)
		p.w(")")
	case *Trim:
		p.w("TRIM(")
		if e.Spec != "" || e.Chars != nil {
			if e.Spec != "" {
				p.w(e.Spec + " ")
			}
			if e.Chars != nil {
				if e.Spec == "" {
					p.guarded(e.Chars, precConcat, "BOTH", "LEADING", "TRAILING")
				} else {
					p.expr(e.Chars, precConcat)
				}
				p.w(" ")
			}
			p.w("FROM ")
			p.expr(e.From, precConcat)
		} else {
			p.guarded(e.From, precConcat, "BOTH", "LEADING", "TRAILING")
		}
		p.w(")")
	case *Substring:
		p.w("SUBSTRING(")
		p.expr(e.Expr, precConcat)
		p.w(" FROM ")
		p.expr(e.From, precConcat)
		if e.For != nil {
			p.w(" FOR ")
			p.expr(e.For, precConcat)
		}
		p.w(")")
	case *PositionOf:
		p.w("POSITION(")
		p.expr(e.Sub, precConcat)
		p.w(" IN ")
		p.expr(e.In, precConcat)
		p.w(")")
	case *ArrayCtor:
		p.w("ARRAY[")
		p.exprList(e.Elems)
		p.w("]")
	case *RowCtor:
		p.w("ROW(")
		p.exprList(e.Fields)
		p.w(")")
	case *Lambda:
		if len(e.Params) == 1 {
			p.ident(e.Params[0])
		} else {
			p.identList(e.Params)
		}
		p.w(" -> ")
		p.expr(e.Body, precLambda)
	case *AtTimeZone:
		p.expr(e.Expr, precAtTZ)
		p.w(" AT TIME ZONE ")
		p.expr(e.Zone, precPrimary)
	}
}

func (p *printer) not(not bool) {
	if not {
		p.w(" NOT")
	}
}

func (p *printer) call(f *FuncCall) {
	p.qname(f.Name)
	p.w("(")
	if f.Distinct {
		p.w("DISTINCT ")
	}
	if f.Star {
		p.w("*")
	}
	for i, a := range f.Args {
		if i > 0 {
			p.w(", ")
		}
		p.expr(a, precLambda)
	}
	if len(f.OrderBy) > 0 {
		p.w(" ORDER BY ")
		p.orderItems(f.OrderBy)
	}
	p.w(")")
	if f.Filter != nil {
		p.w(" FILTER (WHERE ")
		p.expr(f.Filter, precLambda)
		p.w(")")
	}
	if f.NullTreatment != "" {
		p.w(" " + f.NullTreatment + " NULLS")
	}
	if f.Over != nil {
		if f.Over.Base != nil && len(f.Over.PartitionBy) == 0 && len(f.Over.OrderBy) == 0 && f.Over.Frame == nil {
			p.w(" OVER ")
			p.ident(*f.Over.Base)
			return
		}
		p.w(" OVER (")
		p.window(f.Over)
		p.w(")")
	}
}

func (p *printer) window(w *Window) {
	sep := ""
	if w.Base != nil {
		p.ident(*w.Base)
		sep = " "
	}
	if len(w.PartitionBy) > 0 {
		p.w("PARTITION BY ")
		p.exprList(w.PartitionBy)
		sep = " "
	}
	if len(w.OrderBy) > 0 {
		p.w(sep + "ORDER BY ")
		p.orderItems(w.OrderBy)
		sep = " "
	}
	if w.Frame != nil {
		p.w(sep)
		p.frame(w.Frame)
	}
}

func (p *printer) frame(f *Frame) {
	p.w(f.Unit + " ")
	if f.End != nil {
		p.w("BETWEEN ")
		p.bound(f.Start)
		p.w(" AND ")
		p.bound(*f.End)
	} else {
		p.bound(f.Start)
	}
}

func (p *printer) bound(b FrameBound) {
	switch b.Kind {
	case UnboundedPreceding:
		p.w("UNBOUNDED PRECEDING")
	case UnboundedFollowing:
		p.w("UNBOUNDED FOLLOWING")
	case CurrentRow:
		p.w("CURRENT ROW")
	case Preceding:
		p.guarded(b.Offset, precConcat, "UNBOUNDED")
		p.w(" PRECEDING")
	case Following:
		p.guarded(b.Offset, precConcat, "UNBOUNDED")
		p.w(" FOLLOWING")
	}
}

func (p *printer) dataType(t *DataType) {
	if t == nil {
		return
	}
	p.w(t.Name)
	switch {
	case t.Name == "ROW":
		p.w("(")
		for i, f := range t.Fields {
			if i > 0 {
				p.w(", ")
			}
			if f.Name != nil {
				p.ident(*f.Name)
				p.w(" ")
			}
			p.dataType(f.Type)
		}
		p.w(")")
	case t.Name == "INTERVAL":
		p.w(" " + t.From)
		if t.To != "" {
			p.w(" TO " + t.To)
		}
	case len(t.Params) > 0:
		p.w("(")
		for i, tp := range t.Params {
			if i > 0 {
				p.w(", ")
			}
			if tp.Type != nil {
				p.dataType(tp.Type)
			} else {
				p.w(strconv.FormatInt(tp.Num, 10))
			}
		}
		p.w(")")
	}
	if t.WithTimeZone {
		p.w(" WITH TIME ZONE")
	}
}

func (n *Query) String() string                { return Format(n) }
func (n *Explain) String() string              { return Format(n) }
func (n *ShowTables) String() string           { return Format(n) }
func (n *ShowPartitions) String() string       { return Format(n) }
func (n *Describe) String() string             { return Format(n) }
func (n *With) String() string                 { return Format(n) }
func (n *CTE) String() string                  { return Format(n) }
func (n *Offset) String() string               { return Format(n) }
func (n *Limit) String() string                { return Format(n) }
func (n *Select) String() string               { return Format(n) }
func (n *SetOp) String() string                { return Format(n) }
func (n *Values) String() string               { return Format(n) }
func (n *SelectExpr) String() string           { return Format(n) }
func (n *AllColumns) String() string           { return Format(n) }
func (n *OrderItem) String() string            { return Format(n) }
func (n *Table) String() string                { return Format(n) }
func (n *Aliased) String() string              { return Format(n) }
func (n *TableSubquery) String() string        { return Format(n) }
func (n *Unnest) String() string               { return Format(n) }
func (n *Lateral) String() string              { return Format(n) }
func (n *Sampled) String() string              { return Format(n) }
func (n *Join) String() string                 { return Format(n) }
func (n *ColumnRef) String() string            { return Format(n) }
func (n *Dereference) String() string          { return Format(n) }
func (n *Subscript) String() string            { return Format(n) }
func (n *NullLit) String() string              { return Format(n) }
func (n *BoolLit) String() string              { return Format(n) }
func (n *NumberLit) String() string            { return Format(n) }
func (n *StringLit) String() string            { return Format(n) }
func (n *BinaryLit) String() string            { return Format(n) }
func (n *TypedLit) String() string             { return Format(n) }
func (n *IntervalLit) String() string          { return Format(n) }
func (n *SpecialFunc) String() string          { return Format(n) }
func (n *Binary) String() string               { return Format(n) }
func (n *Unary) String() string                { return Format(n) }
func (n *Not) String() string                  { return Format(n) }
func (n *IsNull) String() string               { return Format(n) }
func (n *IsDistinctFrom) String() string       { return Format(n) }
func (n *Between) String() string              { return Format(n) }
func (n *InList) String() string               { return Format(n) }
func (n *InSubquery) String() string           { return Format(n) }
func (n *Like) String() string                 { return Format(n) }
func (n *QuantifiedComparison) String() string { return Format(n) }
func (n *Exists) String() string               { return Format(n) }
func (n *Subquery) String() string             { return Format(n) }
func (n *FuncCall) String() string             { return Format(n) }
func (n *Window) String() string               { return Format(n) }
func (n *Frame) String() string                { return Format(n) }
func (n *Cast) String() string                 { return Format(n) }
func (n *Case) String() string                 { return Format(n) }
func (n *When) String() string                 { return Format(n) }
func (n *Extract) String() string              { return Format(n) }
func (n *Trim) String() string                 { return Format(n) }
func (n *Substring) String() string            { return Format(n) }
func (n *PositionOf) String() string           { return Format(n) }
func (n *ArrayCtor) String() string            { return Format(n) }
func (n *RowCtor) String() string              { return Format(n) }
func (n *Lambda) String() string               { return Format(n) }
func (n *AtTimeZone) String() string           { return Format(n) }
func (n *DataType) String() string             { return Format(n) }

// String renders the identifier as SQL, quoted when it must be.
func (id Ident) String() string {
	var p printer
	p.ident(id)
	return p.b.String()
}

// String renders the name as SQL, each part quoted when it must be.
func (q QualifiedName) String() string {
	var p printer
	p.qname(q)
	return p.b.String()
}

// isWordRef reports whether e is the unquoted one-part name word
// (upper-case), which some contexts would read as a keyword.
func isWordRef(e Expr, word string) bool {
	r, ok := e.(*ColumnRef)
	return ok && len(r.Parts) == 1 && !r.Parts[0].Quoted && upper(r.Parts[0].Name) == word
}

// rightmost is the last operand printed at the end of e (e itself when it
// ends with a keyword or a closing bracket).
func rightmost(e Expr) Expr {
	for {
		switch x := e.(type) {
		case *Binary:
			if precOf(x.Right) <= precOf(x) {
				return x // printed in parentheses
			}
			e = x.Right
		case *Unary:
			if _, ok := x.Expr.(*Unary); ok || precOf(x.Expr) < precUnary {
				return x
			}
			e = x.Expr
		case *AtTimeZone:
			if precOf(x.Zone) < precPrimary {
				return x
			}
			e = x.Zone
		default:
			return e
		}
	}
}

// startsWithString reports whether e, printed with minimum precedence min,
// begins with a plain string literal.
func startsWithString(e Expr, min int) bool {
	for precOf(e) >= min {
		switch x := e.(type) {
		case *StringLit:
			return true
		case *Binary:
			e, min = x.Left, precOf(x)
		case *AtTimeZone:
			e, min = x.Expr, precAtTZ
		case *Subscript:
			e, min = x.Base, precPrimary
		default:
			return false
		}
	}
	return false
}

// leadingWord is the upper-cased unquoted word that e, printed with minimum
// precedence min, begins with, or "".
func leadingWord(e Expr, min int) string {
	for precOf(e) >= min {
		switch x := e.(type) {
		case *ColumnRef:
			if !x.Parts[0].Quoted {
				return upper(x.Parts[0].Name)
			}
			return ""
		case *FuncCall:
			if !x.Name.Parts[0].Quoted {
				return upper(x.Name.Parts[0].Name)
			}
			return ""
		case *Lambda:
			if len(x.Params) == 1 && !x.Params[0].Quoted {
				return upper(x.Params[0].Name)
			}
			return ""
		case *Binary:
			e, min = x.Left, precOf(x)
			if x.Op.IsComparison() {
				min = precConcat
			}
		case *IsNull:
			e, min = x.Expr, precConcat
		case *IsDistinctFrom:
			e, min = x.Left, precConcat
		case *Between:
			e, min = x.Expr, precConcat
		case *InList:
			e, min = x.Expr, precConcat
		case *InSubquery:
			e, min = x.Expr, precConcat
		case *Like:
			e, min = x.Expr, precConcat
		case *QuantifiedComparison:
			e, min = x.Left, precConcat
		case *AtTimeZone:
			e, min = x.Expr, precAtTZ
		case *Subscript:
			if isWordRef(x.Base, "ARRAY") {
				return ""
			}
			e, min = x.Base, precPrimary
		case *Dereference:
			if _, num := x.Base.(*NumberLit); num {
				return ""
			}
			e, min = x.Base, precPrimary
		default:
			return ""
		}
	}
	return ""
}
