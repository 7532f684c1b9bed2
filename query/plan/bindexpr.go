package plan

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/vec"
)

// expr binds a scalar expression in ctx.
func (b *binder) expr(e parse.Expr, ctx *ectx) (Expr, error) {
	if fc, ok := e.(*parse.FuncCall); ok && lowerName(fc.Name) == "grouping" && fc.Over == nil {
		return b.grouping(fc, ctx)
	}
	if ctx.agg != nil {
		// After GROUP BY, a whole group expression or an aggregate call
		// is a column of the aggregate's output.
		if fc, ok := e.(*parse.FuncCall); ok && isAggregateCall(fc) {
			if c, ok := ctx.agg.texts[parse.Format(fc)]; ok {
				return c, nil
			}
			key, _, err := b.aggCall(fc, &ectx{sc: ctx.sc})
			if err != nil {
				return nil, err
			}
			if c, ok := ctx.agg.calls[key]; ok {
				return c, nil
			}
			return nil, b.errf(fc.Pos, "aggregate %s is not available here", lowerName(fc.Name))
		}
		if !hasAggregate(e) && !hasWindow(e) {
			if plain, err := b.expr(e, &ectx{sc: ctx.sc}); err == nil {
				if g, ok := ctx.agg.groups[plain.String()]; ok {
					return g, nil
				}
				if len(Refs(plain)) == 0 {
					return plain, nil // constants
				}
				if _, isSub := e.(*parse.Subquery); isSub {
					return plain, nil
				}
			}
		}
		if cr, ok := e.(*parse.ColumnRef); ok {
			if _, err := b.resolve(ctx.sc, cr); err != nil {
				return nil, err
			}
			return nil, b.errf(cr.Pos, "column %s must be in GROUP BY or inside an aggregate function", nameOf(cr))
		}
	}
	if fc, ok := e.(*parse.FuncCall); ok && fc.Over != nil {
		if ctx.win == nil {
			return nil, b.errf(fc.Pos, "window functions are allowed only in the select list and ORDER BY")
		}
		wc, err := b.windowCall(fc, ctx)
		if err != nil {
			return nil, err
		}
		if c, ok := ctx.win[wc.text]; ok {
			return c, nil
		}
		return nil, b.errf(fc.Pos, "window function %s is not available here", lowerName(fc.Name))
	}
	return b.expr1(e, ctx)
}

func nameOf(cr *parse.ColumnRef) string {
	parts := make([]string, len(cr.Parts))
	for i, p := range cr.Parts {
		parts[i] = p.Name
	}
	return strings.Join(parts, ".")
}

func hasWindow(e parse.Expr) bool {
	var calls []*parse.FuncCall
	collectWindows(e, &calls)
	return len(calls) > 0
}

func (b *binder) boolExpr(e parse.Expr, ctx *ectx) (Expr, error) {
	x, err := b.expr(e, ctx)
	if err != nil {
		return nil, err
	}
	if t := x.Type(); t.Kind != vec.Boolean && t.Kind != vec.Unknown {
		return nil, b.errf(e.Position(), "expected a boolean condition, not %s", t)
	}
	return b.castTo(e.Position(), x, vec.TBoolean)
}

func (b *binder) exprs(es []parse.Expr, ctx *ectx) ([]Expr, error) {
	out := make([]Expr, len(es))
	for i, e := range es {
		x, err := b.expr(e, ctx)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

func (b *binder) expr1(e parse.Expr, ctx *ectx) (Expr, error) {
	switch e := e.(type) {
	case *parse.ColumnRef:
		return b.resolve(ctx.sc, e)
	case *parse.Dereference:
		base, err := b.expr(e.Base, ctx)
		if err != nil {
			return nil, err
		}
		return b.field(e.Pos, base, nameKey(e.Field), "the value")
	case *parse.Subscript:
		base, err := b.expr(e.Base, ctx)
		if err != nil {
			return nil, err
		}
		idx, err := b.expr(e.Index, ctx)
		if err != nil {
			return nil, err
		}
		if base.Type().Kind == vec.Row {
			if c, ok := idx.(*Const); ok {
				if k, ok := c.Value.(int64); ok && k >= 1 && int(k) <= len(base.Type().Fields) {
					return &Call{Fn: fn.RowField(base.Type(), int(k-1)), Args: []Expr{base}}, nil
				}
			}
			return nil, b.errf(e.Pos, "a row subscript must be a constant field number")
		}
		return b.call(e.Pos, "$subscript", []Expr{base, idx})
	case *parse.NullLit:
		return &Const{T: vec.TUnknown}, nil
	case *parse.BoolLit:
		return &Const{Value: e.Value, T: vec.TBoolean}, nil
	case *parse.NumberLit:
		if e.Kind == parse.Integer {
			if n, err := strconv.ParseInt(e.Text, 10, 64); err == nil {
				return &Const{Value: n, T: vec.TBigint}, nil
			}
		}
		f, err := strconv.ParseFloat(e.Text, 64)
		if err != nil {
			return nil, b.errf(e.Pos, "invalid number %s", e.Text)
		}
		return &Const{Value: f, T: vec.TDouble}, nil
	case *parse.StringLit:
		return &Const{Value: e.Value, T: vec.TVarchar}, nil
	case *parse.TypedLit:
		return b.typedLit(e)
	case *parse.IntervalLit:
		return b.interval(e)
	case *parse.SpecialFunc:
		switch e.Name {
		case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP":
			return b.call(e.Pos, "$now", nil)
		case "CURRENT_DATE":
			return b.call(e.Pos, "current_date", nil)
		}
		return nil, b.errf(e.Pos, "%s is %v", e.Name, ErrUnsupported)
	case *parse.Binary:
		return b.binary(e, ctx)
	case *parse.Unary:
		x, err := b.expr(e.Expr, ctx)
		if err != nil {
			return nil, err
		}
		if !e.Negate {
			return x, nil
		}
		return b.call(e.Pos, "$neg", []Expr{x})
	case *parse.Not:
		x, err := b.boolExpr(e.Expr, ctx)
		if err != nil {
			return nil, err
		}
		return b.call(e.Pos, "$not", []Expr{x})
	case *parse.IsNull:
		x, err := b.expr(e.Expr, ctx)
		if err != nil {
			return nil, err
		}
		return b.fold(&IsNullExpr{Arg: x, Not: e.Not}), nil
	case *parse.IsDistinctFrom:
		args, err := b.exprs([]parse.Expr{e.Left, e.Right}, ctx)
		if err != nil {
			return nil, err
		}
		d, err := b.call(e.Pos, "$distinct", args)
		if err != nil || !e.Not {
			return d, err
		}
		return b.call(e.Pos, "$not", []Expr{d})
	case *parse.Between:
		args, err := b.exprs([]parse.Expr{e.Expr, e.Low, e.High}, ctx)
		if err != nil {
			return nil, err
		}
		lo, err := b.compare(e.Pos, "$ge", args[0], args[1])
		if err != nil {
			return nil, err
		}
		hi, err := b.compare(e.Pos, "$le", args[0], args[2])
		if err != nil {
			return nil, err
		}
		var x Expr = b.fold(&Logic{Args: []Expr{lo, hi}})
		if e.Not {
			return b.call(e.Pos, "$not", []Expr{x})
		}
		return x, nil
	case *parse.InList:
		return b.inList(e, ctx)
	case *parse.InSubquery:
		arg, err := b.expr(e.Expr, ctx)
		if err != nil {
			return nil, err
		}
		// An uncorrelated IN subquery is run once, before the statement;
		// a correlated one is planned as joins.
		var t *vec.Type
		bind := func() (p Node, err error) {
			p, t, err = b.subquery(e.Query, e.Pos)
			return p, err
		}
		p, corr, err := b.maybeCorrelated(e.Query, ctx, bind)
		if err != nil {
			return nil, err
		}
		if corr {
			return b.correlatedIn(e.Pos, arg, e.Not, ctx, func() (Node, error) {
				p, _, err := b.maybeCorrelated(e.Query, ctx, bind)
				return p, err
			})
		}
		ct, ok := fn.CompareTypes(arg.Type(), t)
		if !ok {
			return nil, b.errf(e.Pos, "cannot compare %s with the subquery's %s", arg.Type(), t)
		}
		if arg, err = b.castTo(e.Pos, arg, ct); err != nil {
			return nil, err
		}
		if p, err = b.castPlan(p, ct); err != nil {
			return nil, err
		}
		return b.addSub(&SubqueryExpr{Kind: InSubquery, Plan: p, Arg: arg, Not: e.Not, T: vec.TBoolean}), nil
	case *parse.Exists:
		if x, ok, err := b.rowUnnestSubquery(e.Query, true, ctx); ok {
			return x, err
		}
		p, corr, err := b.maybeCorrelated(e.Query, ctx, func() (Node, error) {
			p, _, err := b.subqueryAny(e.Query)
			return p, err
		})
		if err != nil {
			return nil, err
		}
		if corr {
			return b.correlatedExists(e.Pos, p, ctx)
		}
		return b.addSub(&SubqueryExpr{Kind: ExistsSubquery, Plan: p, T: vec.TBoolean}), nil
	case *parse.Subquery:
		if x, ok, err := b.rowUnnestSubquery(e.Query, false, ctx); ok {
			return x, err
		}
		var t *vec.Type
		p, corr, err := b.maybeCorrelated(e.Query, ctx, func() (p Node, err error) {
			p, t, err = b.subquery(e.Query, e.Pos)
			return p, err
		})
		if err != nil {
			return nil, err
		}
		if corr {
			return b.correlatedScalar(e.Pos, p, ctx)
		}
		return b.addSub(&SubqueryExpr{Kind: ScalarSubquery, Plan: p, T: t}), nil
	case *parse.QuantifiedComparison:
		if e.Op == parse.OpEq && (e.Quantifier == "ANY" || e.Quantifier == "SOME") {
			return b.expr1(&parse.InSubquery{Pos: e.Pos, Expr: e.Left, Query: e.Query}, ctx)
		}
		if e.Op == parse.OpNe && e.Quantifier == "ALL" {
			return b.expr1(&parse.InSubquery{Pos: e.Pos, Expr: e.Left, Query: e.Query, Not: true}, ctx)
		}
		return b.quantified(e, ctx)
	case *parse.Like:
		args, err := b.exprs([]parse.Expr{e.Expr, e.Pattern}, ctx)
		if err != nil {
			return nil, err
		}
		if e.Escape != nil {
			esc, err := b.expr(e.Escape, ctx)
			if err != nil {
				return nil, err
			}
			args = append(args, esc)
		}
		x, err := b.call(e.Pos, "$like", args)
		if err != nil || !e.Not {
			return x, err
		}
		return b.call(e.Pos, "$not", []Expr{x})
	case *parse.FuncCall:
		return b.funcCall(e, ctx)
	case *parse.Cast:
		x, err := b.expr(e.Expr, ctx)
		if err != nil {
			return nil, err
		}
		t, err := b.dataType(e.Type)
		if err != nil {
			return nil, err
		}
		if e.Type.Name == "IPADDRESS" {
			// IPADDRESS is text in its canonical form (see fn/ip.go).
			if x, err = b.cast(e.Pos, x, vec.TVarchar, e.Try); err != nil {
				return nil, err
			}
			c, err := b.call(e.Pos, "$ipaddress", []Expr{x})
			if err != nil || !e.Try {
				return c, err
			}
			return b.call(e.Pos, fn.Try, []Expr{c})
		}
		c, err := b.cast(e.Pos, x, t, e.Try)
		if err == nil && len(e.Type.Params) == 1 && e.Type.Params[0].Type == nil {
			switch p := e.Type.Params[0].Num; e.Type.Name {
			case "VARCHAR", "CHAR":
				// VARCHAR(n) keeps the first n characters.
				return b.call(e.Pos, "substr", []Expr{c, &Const{Value: int64(1), T: vec.TBigint}, &Const{Value: p, T: vec.TBigint}})
			case "TIMESTAMP":
				if p < 3 {
					return b.call(e.Pos, "$timestamp_precision", []Expr{c, &Const{Value: p, T: vec.TBigint}})
				}
			}
		}
		if err != nil || e.Type.Name != "DECIMAL" {
			return c, err
		}
		// DECIMAL(p, s) is a DOUBLE here, rounded half up to its scale
		// (DECIMAL alone is DECIMAL(38, 0)), so that its values are the
		// decimal's.
		scale := int64(0)
		if len(e.Type.Params) == 2 && e.Type.Params[1].Type == nil {
			scale = e.Type.Params[1].Num
		}
		return b.call(e.Pos, "round", []Expr{c, &Const{Value: scale, T: vec.TBigint}})
	case *parse.Case:
		return b.caseExpr(e, ctx)
	case *parse.Extract:
		x, err := b.expr(e.From, ctx)
		if err != nil {
			return nil, err
		}
		f := strings.ToLower(e.Field)
		switch f {
		case "dow":
			f = "day_of_week"
		case "doy":
			f = "day_of_year"
		}
		return b.call(e.Pos, f, []Expr{x})
	case *parse.Trim:
		x, err := b.expr(e.From, ctx)
		if err != nil {
			return nil, err
		}
		name := map[string]string{"": "trim", "BOTH": "trim", "LEADING": "ltrim", "TRAILING": "rtrim"}[e.Spec]
		args := []Expr{x}
		if e.Chars != nil {
			c, err := b.expr(e.Chars, ctx)
			if err != nil {
				return nil, err
			}
			args = append(args, c)
		}
		return b.call(e.Pos, name, args)
	case *parse.Substring:
		parts := []parse.Expr{e.Expr, e.From}
		if e.For != nil {
			parts = append(parts, e.For)
		}
		args, err := b.exprs(parts, ctx)
		if err != nil {
			return nil, err
		}
		return b.call(e.Pos, "substr", args)
	case *parse.PositionOf:
		args, err := b.exprs([]parse.Expr{e.Sub, e.In}, ctx)
		if err != nil {
			return nil, err
		}
		return b.call(e.Pos, "$position", args)
	case *parse.ArrayCtor:
		args, err := b.exprs(e.Elems, ctx)
		if err != nil {
			return nil, err
		}
		t := vec.TUnknown
		for _, a := range args {
			var ok bool
			if t, ok = vec.Common(t, a.Type()); !ok {
				return nil, b.errf(e.Pos, "ARRAY elements mix %s and %s", t, a.Type())
			}
		}
		for i := range args {
			if args[i], err = b.castTo(e.Pos, args[i], t); err != nil {
				return nil, err
			}
		}
		return b.fold(&Call{Fn: fn.MakeArray(t, len(args)), Args: args}), nil
	case *parse.RowCtor:
		args, err := b.exprs(e.Fields, ctx)
		if err != nil {
			return nil, err
		}
		if len(args) == 1 {
			return args[0], nil
		}
		fs := make([]vec.Field, len(args))
		for i, a := range args {
			fs[i] = vec.Field{Type: a.Type()}
		}
		return &Call{Fn: fn.MakeRow(vec.RowOf(fs...)), Args: args}, nil
	case *parse.AtTimeZone:
		x, err := b.expr(e.Expr, ctx)
		if err != nil {
			return nil, err
		}
		z, err := b.expr(e.Zone, ctx)
		if err != nil {
			return nil, err
		}
		return b.atTimeZone(e.Pos, x, z)
	case *parse.Lambda:
		return nil, b.errf(e.Pos, "a lambda is an argument of transform, filter, any_match, all_match or none_match, not a value")
	}
	return nil, b.errf(e.Position(), "expression %T is %v", e, ErrUnsupported)
}

// quantified binds x op ALL|ANY|SOME (q) for the orders and for = ALL and
// <> ANY (= ANY and <> ALL are IN and NOT IN). The subquery runs once, as
// one row of max, min, count(*) and count of its column, and the answer is
// Trino's: ALL over no rows is true, ANY false; otherwise a NULL x, or no
// element deciding the answer while some are NULL, gives NULL.
func (b *binder) quantified(e *parse.QuantifiedComparison, ctx *ectx) (Expr, error) {
	all := e.Quantifier == "ALL"
	op := map[parse.BinaryOp]string{parse.OpEq: "$eq", parse.OpNe: "$ne", parse.OpLt: "$lt", parse.OpLe: "$le", parse.OpGt: "$gt", parse.OpGe: "$ge"}[e.Op]
	if op == "" {
		return nil, b.errf(e.Pos, "%s %s (subquery) is %v", e.Op, e.Quantifier, ErrUnsupported)
	}
	x, err := b.expr(e.Left, ctx)
	if err != nil {
		return nil, err
	}
	// Run once, before the statement: it sees no enclosing query's columns.
	b.outer = append(b.outer, &outerScope{block: true})
	p, t, err := b.subquery(e.Query, e.Pos)
	b.outer = b.outer[:len(b.outer)-1]
	if err != nil {
		return nil, err
	}
	ct, ok := fn.CompareTypes(x.Type(), t)
	if !ok || !ct.Orderable() {
		return nil, b.errf(e.Pos, "cannot compare %s with the subquery's %s", x.Type(), t)
	}
	if x, err = b.castTo(e.Pos, x, ct); err != nil {
		return nil, err
	}
	if p, err = b.castPlan(p, ct); err != nil {
		return nil, err
	}
	c := ref(p.Columns()[0])
	agg := &Aggregate{Input: p}
	for _, a := range []struct {
		name string
		args []Expr
	}{{"max", []Expr{c}}, {"min", []Expr{c}}, {"count", nil}, {"count", []Expr{c}}} {
		types := make([]*vec.Type, len(a.args))
		for i, x := range a.args {
			types[i] = x.Type()
		}
		f, err := fn.ResolveAggregate(a.name, types, false)
		if err != nil {
			return nil, b.errf(e.Pos, "%v", err)
		}
		agg.Aggs = append(agg.Aggs, AggCall{Fn: f, Args: a.args})
		agg.Out = append(agg.Out, b.newCol(a.name, f.Ret))
	}
	rowT := vec.RowOf(vec.Field{Name: "mx", Type: agg.Out[0].T}, vec.Field{Name: "mn", Type: agg.Out[1].T},
		vec.Field{Name: "n", Type: agg.Out[2].T}, vec.Field{Name: "nn", Type: agg.Out[3].T})
	row := &Project{Input: agg, Out: []Column{b.newCol("$quantified", rowT)}, Exprs: []Expr{
		&Call{Fn: fn.MakeRow(rowT), Args: []Expr{ref(agg.Out[0]), ref(agg.Out[1]), ref(agg.Out[2]), ref(agg.Out[3])}}}}
	sub := b.addSub(&SubqueryExpr{Kind: ScalarSubquery, Plan: row, T: rowT})
	field := func(i int) Expr { return &Call{Fn: fn.RowField(rowT, i), Args: []Expr{sub}} }
	cmp := func(name string, bound Expr) (Expr, error) { return b.call(e.Pos, name, []Expr{x, bound}) }
	// decided is the condition on x and the bounds under which the answer
	// is !all (ANY's true, ALL's false), whatever the NULL elements hold.
	var decided Expr
	switch {
	case e.Op == parse.OpEq || e.Op == parse.OpNe:
		// = ALL is decided false, <> ANY true, by an element other than x.
		if (e.Op == parse.OpEq) != all {
			return nil, b.errf(e.Pos, "%s %s (subquery) is %v", e.Op, e.Quantifier, ErrUnsupported)
		}
		lo, err := cmp("$ne", field(1))
		if err != nil {
			return nil, err
		}
		hi, err := cmp("$ne", field(0))
		if err != nil {
			return nil, err
		}
		decided = &Logic{Or: true, Args: []Expr{lo, hi}}
	default:
		// ALL fails on the extreme element that x does not pass; ANY
		// holds on the one that x passes most easily.
		gt := e.Op == parse.OpGt || e.Op == parse.OpGe
		bound := field(0) // max
		if gt != all {
			bound = field(1) // min
		}
		name := op
		if all {
			name = map[string]string{"$lt": "$ge", "$le": "$gt", "$gt": "$le", "$ge": "$lt"}[op]
		}
		if decided, err = cmp(name, bound); err != nil {
			return nil, err
		}
	}
	zero := &Const{Value: int64(0), T: vec.TBigint}
	empty, err := b.call(e.Pos, "$eq", []Expr{field(2), zero})
	if err != nil {
		return nil, err
	}
	someNull, err := b.call(e.Pos, "$lt", []Expr{field(3), field(2)})
	if err != nil {
		return nil, err
	}
	null := &Const{T: vec.TBoolean}
	return &CaseExpr{T: vec.TBoolean, Else: &Const{Value: all, T: vec.TBoolean}, Whens: []When{
		{Cond: empty, Result: &Const{Value: all, T: vec.TBoolean}},
		{Cond: &IsNullExpr{Arg: x}, Result: null},
		{Cond: decided, Result: &Const{Value: !all, T: vec.TBoolean}},
		{Cond: someNull, Result: null},
	}}, nil
}

func (b *binder) addSub(s *SubqueryExpr) Expr {
	s.id = len(b.subs) + 1
	b.subs = append(b.subs, s)
	return s
}

// subquery binds an uncorrelated subquery of one column.
func (b *binder) subquery(q *parse.Query, p parse.Pos) (Node, *vec.Type, error) {
	n, cols, err := b.subqueryAny(q)
	if err != nil {
		return nil, nil, err
	}
	if len(cols) != 1 {
		return nil, nil, b.errf(p, "the subquery must return one column, not %d", len(cols))
	}
	return n, cols[0].T, nil
}

func (b *binder) subqueryAny(q *parse.Query) (Node, []Column, error) {
	n, _, err := b.query(q)
	if err != nil {
		if pe, ok := err.(*parse.Error); ok && strings.Contains(pe.Msg, "cannot be resolved") && (len(b.outer) == 0 || b.outer[len(b.outer)-1].block) {
			pe.Msg += " (only EXISTS, IN and scalar subqueries can refer to the outer query's columns)"
		}
		return nil, nil, err
	}
	return n, n.Columns(), nil
}

// castPlan casts a one-column plan's output to t.
func (b *binder) castPlan(n Node, t *vec.Type) (Node, error) {
	c := n.Columns()[0]
	if c.T.Equal(t) {
		return n, nil
	}
	e, err := b.castTo(parse.Pos{}, ref(c), t)
	if err != nil {
		return nil, err
	}
	return &Project{Input: n, Exprs: []Expr{e}, Out: []Column{b.newCol(c.Name, t)}}, nil
}

func (b *binder) binary(e *parse.Binary, ctx *ectx) (Expr, error) {
	if e.Op == parse.OpAnd || e.Op == parse.OpOr {
		l, err := b.boolExpr(e.Left, ctx)
		if err != nil {
			return nil, err
		}
		r, err := b.boolExpr(e.Right, ctx)
		if err != nil {
			return nil, err
		}
		var args []Expr
		for _, x := range []Expr{l, r} {
			if lg, ok := x.(*Logic); ok && lg.Or == (e.Op == parse.OpOr) {
				args = append(args, lg.Args...)
			} else {
				args = append(args, x)
			}
		}
		return b.fold(&Logic{Or: e.Op == parse.OpOr, Args: args}), nil
	}
	l, err := b.expr(e.Left, ctx)
	if err != nil {
		return nil, err
	}
	r, err := b.expr(e.Right, ctx)
	if err != nil {
		return nil, err
	}
	name := map[parse.BinaryOp]string{
		parse.OpEq: "$eq", parse.OpNe: "$ne", parse.OpLt: "$lt", parse.OpLe: "$le", parse.OpGt: "$gt", parse.OpGe: "$ge",
		parse.OpAdd: "$add", parse.OpSub: "$sub", parse.OpMul: "$mul", parse.OpDiv: "$div", parse.OpMod: "$mod", parse.OpConcat: "$concat",
	}[e.Op]
	return b.compare(e.Pos, name, l, r)
}

// isoPrefix matches the partial ISO texts analysts compare Athena's text
// eventtime with: a day, an hour or a minute.
var isoPrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2})?)?$`)

// compare binds l op r. A timestamp ordered against a partial ISO text
// ('2026-01-02T12') compares as Athena compares its text eventtime: every
// time in that hour is greater than the prefix, so > and >= mean from its
// start, < and <= before it.
func (b *binder) compare(p parse.Pos, name string, l, r Expr) (Expr, error) {
	switch name {
	case "$lt", "$le", "$gt", "$ge":
	default:
		return b.call(p, name, []Expr{l, r})
	}
	flip := map[string]string{"$lt": "$gt", "$le": "$ge", "$gt": "$lt", "$ge": "$le"}
	ts, text, op := l, r, name
	if l.Type().Kind != vec.Timestamp {
		ts, text, op = r, l, flip[name]
	}
	c, ok := text.(*Const)
	if !ok || ts.Type().Kind != vec.Timestamp {
		return b.call(p, name, []Expr{l, r})
	}
	s, ok := c.Value.(string)
	if !ok || !isoPrefix.MatchString(strings.TrimSpace(s)) {
		return b.call(p, name, []Expr{l, r})
	}
	start, ok := fn.ParseTimestamp(s)
	if !ok {
		return b.call(p, name, []Expr{l, r})
	}
	at := &Const{T: vec.TTimestamp, Value: fn.MillisOf(start)}
	if op == "$gt" || op == "$ge" {
		return b.call(p, "$ge", []Expr{ts, at})
	}
	return b.call(p, "$lt", []Expr{ts, at})
}

func (b *binder) inList(e *parse.InList, ctx *ectx) (Expr, error) {
	arg, err := b.expr(e.Expr, ctx)
	if err != nil {
		return nil, err
	}
	list, err := b.exprs(e.List, ctx)
	if err != nil {
		return nil, err
	}
	t := arg.Type()
	allConst := true
	for _, x := range list {
		ct, ok := fn.CompareTypes(t, x.Type())
		if !ok {
			return nil, b.errf(e.Pos, "IN list value of type %s cannot be compared with %s", x.Type(), arg.Type())
		}
		t = ct
		if _, ok := x.(*Const); !ok {
			allConst = false
		}
	}
	if !allConst {
		var terms []Expr
		for _, x := range list {
			eq, err := b.call(e.Pos, "$eq", []Expr{arg, x})
			if err != nil {
				return nil, err
			}
			terms = append(terms, eq)
		}
		var x Expr = b.fold(&Logic{Or: true, Args: terms})
		if e.Not {
			return b.call(e.Pos, "$not", []Expr{x})
		}
		return x, nil
	}
	if arg, err = b.castTo(e.Pos, arg, t); err != nil {
		return nil, err
	}
	in := &InExpr{Arg: arg, Not: e.Not}
	seen := map[string]bool{}
	for _, x := range list {
		c, err := b.castTo(e.Pos, x, t)
		if err != nil {
			return nil, err
		}
		k, ok := c.(*Const)
		if !ok {
			return nil, b.errf(e.Pos, "IN list value %s does not convert to %s", x, t)
		}
		if k.Value == nil {
			in.HasNull = true
			continue
		}
		if s := k.String(); !seen[s] {
			seen[s] = true
			in.Values = append(in.Values, k.Value)
		}
	}
	return b.fold(in), nil
}

func (b *binder) caseExpr(e *parse.Case, ctx *ectx) (Expr, error) {
	var operand Expr
	var err error
	if e.Operand != nil {
		if operand, err = b.expr(e.Operand, ctx); err != nil {
			return nil, err
		}
	}
	out := &CaseExpr{T: vec.TUnknown}
	for _, w := range e.Whens {
		var cond Expr
		if operand != nil {
			v, err := b.expr(w.Cond, ctx)
			if err != nil {
				return nil, err
			}
			if cond, err = b.call(w.Pos, "$eq", []Expr{operand, v}); err != nil {
				return nil, err
			}
		} else if cond, err = b.boolExpr(w.Cond, ctx); err != nil {
			return nil, err
		}
		res, err := b.expr(w.Result, ctx)
		if err != nil {
			return nil, err
		}
		t, ok := vec.Common(out.T, res.Type())
		if !ok {
			return nil, b.errf(w.Result.Position(), "CASE results mix %s and %s", out.T, res.Type())
		}
		out.T = t
		out.Whens = append(out.Whens, When{Cond: cond, Result: res})
	}
	out.Else = &Const{T: vec.TUnknown}
	if e.Else != nil {
		if out.Else, err = b.expr(e.Else, ctx); err != nil {
			return nil, err
		}
		t, ok := vec.Common(out.T, out.Else.Type())
		if !ok {
			return nil, b.errf(e.Else.Position(), "CASE results mix %s and %s", out.T, out.Else.Type())
		}
		out.T = t
	}
	for i := range out.Whens {
		if out.Whens[i].Result, err = b.castTo(e.Pos, out.Whens[i].Result, out.T); err != nil {
			return nil, err
		}
	}
	if out.Else, err = b.castTo(e.Pos, out.Else, out.T); err != nil {
		return nil, err
	}
	return b.fold(out), nil
}

func (b *binder) funcCall(e *parse.FuncCall, ctx *ectx) (Expr, error) {
	name := lowerName(e.Name)
	if isAggregateCall(e) {
		return nil, b.errf(e.Pos, "aggregate function %s is not allowed here", name)
	}
	if e.Distinct || e.Filter != nil || len(e.OrderBy) > 0 {
		return nil, b.errf(e.Pos, "%s is not an aggregate function: DISTINCT, FILTER and ORDER BY do not apply", name)
	}
	if len(e.Args) == 2 {
		if lam, ok := e.Args[1].(*parse.Lambda); ok {
			return b.arrayLambda(e, name, lam, ctx)
		}
	}
	if name == "if" && (len(e.Args) == 2 || len(e.Args) == 3) {
		// IF is CASE: the branch not taken is not evaluated.
		c := &parse.Case{Pos: e.Pos, Whens: []*parse.When{{Pos: e.Pos, Cond: e.Args[0], Result: e.Args[1]}}}
		if len(e.Args) == 3 {
			c.Else = e.Args[2]
		}
		return b.expr(c, ctx)
	}
	args, err := b.exprs(e.Args, ctx)
	if err != nil {
		return nil, err
	}
	switch name {
	case "try":
		if len(args) != 1 {
			return nil, b.errf(e.Pos, "try takes one argument, not %d", len(args))
		}
		return b.call(e.Pos, fn.Try, args)
	case "json_value", "$json_value_item":
		// SQL/JSON's path (fn/sqljson.go), a constant.
		if len(args) == 2 {
			if c, ok := args[1].(*Const); !ok || c.Value == nil {
				return nil, b.errf(e.Pos, "JSON_VALUE takes a constant path")
			}
		}
		if name == "json_value" {
			name = "$json_value"
		}
		return b.call(e.Pos, name, args)
	case "at_timezone":
		if len(args) == 2 {
			return b.atTimeZone(e.Pos, args[0], args[1])
		}
	case "from_unixtime":
		if len(args) == 2 && args[1].Type().Kind != vec.Bigint && args[1].Type().Kind != vec.Double {
			// from_unixtime(x, zone): the instant, shown in zone.
			t, err := b.call(e.Pos, "from_unixtime", args[:1])
			if err != nil {
				return nil, err
			}
			return b.atTimeZone(e.Pos, t, args[1])
		}
	case "with_timezone":
		if len(args) == 2 {
			if c, ok := args[1].(*Const); ok {
				if zone, ok := c.Value.(string); ok {
					x, err := b.castTo(e.Pos, args[0], vec.TTimestamp)
					if err != nil {
						return nil, err
					}
					f, err := fn.WithTimeZone(zone)
					if err != nil {
						return nil, b.errf(e.Pos, "%v", err)
					}
					return b.fold(&Call{Fn: f, Args: []Expr{x}}), nil
				}
			}
			return nil, b.errf(e.Pos, "with_timezone takes a constant zone")
		}
	case "from_iso8601_timestamp":
		// The lake's eventtime is already a timestamp; Athena's is text.
		if len(args) == 1 && args[0].Type().Kind == vec.Timestamp {
			return args[0], nil
		}
	}
	return b.call(e.Pos, name, args)
}

// atTimeZone binds x AT TIME ZONE z (and at_timezone(x, z)). A constant
// zone gives a timestamp with time zone: the same instant, shown in z. A
// zone computed per row gives the wall clock in it as a plain timestamp
// (the lake has no values that carry their own zone).
func (b *binder) atTimeZone(p parse.Pos, x, z Expr) (Expr, error) {
	var err error
	if k := x.Type().Kind; k != vec.Timestamp && k != vec.TimestampTZ {
		if x, err = b.castTo(p, x, vec.TTimestamp); err != nil {
			return nil, err
		}
	}
	if c, ok := z.(*Const); ok {
		if zone, ok := c.Value.(string); ok {
			if f, err := fn.AtTimeZone(x.Type(), zone); err == nil {
				return b.fold(&Call{Fn: f, Args: []Expr{x}}), nil
			}
			// An unknown zone fails on the rows that reach it, so try() can catch it.
		}
	}
	if x.Type().Kind == vec.TimestampTZ {
		f, _ := fn.AtTimeZone(x.Type(), "UTC") // the instant as a plain timestamp
		x = &Call{Fn: f, Args: []Expr{x}}
	}
	return b.call(p, "at_timezone", []Expr{x, z})
}

// arrayLambda binds transform, filter, any_match, all_match and none_match:
// an array and a one-parameter lambda over its elements. The parameter
// hides columns of the same name inside the lambda.
func (b *binder) arrayLambda(e *parse.FuncCall, name string, lam *parse.Lambda, ctx *ectx) (Expr, error) {
	switch name {
	case "transform", "filter", "any_match", "all_match", "none_match":
	default:
		if !fn.Exists(name) {
			return nil, b.errf(e.Pos, "function %s does not exist%s", name, didYouMean(name, fn.Names()))
		}
		return nil, b.errf(lam.Pos, "%s does not take a lambda (lambdas are supported in transform, filter, any_match, all_match and none_match)", name)
	}
	if len(lam.Params) != 1 {
		return nil, b.errf(lam.Pos, "the lambda of %s takes one parameter, not %d", name, len(lam.Params))
	}
	arr, err := b.expr(e.Args[0], ctx)
	if err != nil {
		return nil, err
	}
	if arr.Type().Kind == vec.Unknown {
		arr = &Const{T: vec.ArrayOf(vec.TUnknown)}
	}
	if arr.Type().Kind != vec.Array {
		return nil, b.errf(e.Args[0].Position(), "%s needs an array, not %s", name, arr.Type())
	}
	pname := nameKey(lam.Params[0])
	col := b.newCol(pname, arr.Type().Elem)
	param := &ColRef{ID: col.ID, Name: col.Name, T: col.T}
	inner := shadowed(ctx, &relation{cols: []scopeCol{{name: pname, ref: param}}})
	body, err := b.expr(lam.Body, inner)
	if err != nil {
		return nil, err
	}
	out := &ArrayLambda{Fn: name, Arr: arr, Param: param, Body: body, T: vec.TBoolean}
	switch name {
	case "transform":
		out.T = vec.ArrayOf(body.Type())
	default:
		if !fn.Coercible(body.Type(), vec.TBoolean) {
			return nil, b.errf(lam.Body.Position(), "the lambda of %s must give a boolean, not %s", name, body.Type())
		}
		if out.Body, err = b.castTo(lam.Pos, body, vec.TBoolean); err != nil {
			return nil, err
		}
		if name == "filter" {
			out.T = arr.Type()
		}
	}
	return out, nil
}

// call resolves a scalar function, casts the arguments to its signature
// and folds it when every argument is constant.
func (b *binder) call(p parse.Pos, name string, args []Expr) (Expr, error) {
	switch name {
	case "$lt", "$le", "$gt", "$ge":
		for _, a := range args {
			if isIPAddress(a) {
				return nil, b.errf(p, "IPADDRESS values are text here and do not order as addresses: test ranges with contains('10.0.0.0/8', ip)")
			}
		}
	}
	types := make([]*vec.Type, len(args))
	for i, a := range args {
		types[i] = a.Type()
	}
	f, err := fn.Resolve(name, types)
	if err != nil {
		if strings.HasPrefix(name, "$") {
			return nil, b.errf(p, "%v", err)
		}
		if !fn.Exists(name) {
			return nil, b.errf(p, "function %s does not exist%s", name, didYouMean(name, fn.Names()))
		}
		return nil, b.errf(p, "%v", err)
	}
	for i := range args {
		if args[i], err = b.castTo(p, args[i], f.Args[i]); err != nil {
			return nil, err
		}
	}
	return b.fold(&Call{Fn: f, Args: args}), nil
}

// castTo converts e to t implicitly (the caller checked the coercion).
func (b *binder) castTo(p parse.Pos, e Expr, t *vec.Type) (Expr, error) {
	if e.Type().Equal(t) {
		return e, nil
	}
	return b.castAs(p, e, t, false, true)
}

// cast is an explicit CAST or TRY_CAST.
func (b *binder) cast(p parse.Pos, e Expr, t *vec.Type, try bool) (Expr, error) {
	return b.castAs(p, e, t, try, false)
}

func (b *binder) castAs(p parse.Pos, e Expr, t *vec.Type, try, implicit bool) (Expr, error) {
	from := e.Type()
	if from.Equal(t) {
		return e, nil
	}
	var k fn.Kernel
	var err error
	if from.Kind == vec.Timestamp && t.Kind == vec.Varchar && (implicit || isEventTime(e)) {
		// Where text is expected, and cast to text, eventtime reads as
		// Athena's text (its column there is a varchar).
		k = isoKernel
	} else if k, err = fn.Cast(from, t, try); err != nil {
		return nil, b.errf(p, "%v", err)
	}
	name := "$cast"
	if try {
		name = "$try_cast"
	}
	c := &Call{Fn: &fn.Scalar{Name: name, Args: []*vec.Type{from}, Ret: t, Eval: k}, Args: []Expr{e}}
	if _, ok := e.(*Const); ok {
		// A constant that does not convert stays a cast, and fails only
		// if a row needs it (CASE WHEN false THEN CAST('x' AS bigint) ...).
		return b.fold(c), nil
	}
	return c, nil
}

// isEventTime reports whether e is the lake's eventtime column (or a
// column of a subquery or CTE passing it on under that name).
func isEventTime(e Expr) bool {
	c, ok := e.(*ColRef)
	return ok && c.Name == "eventtime" && c.T.Kind == vec.Timestamp
}

// isoKernel renders timestamps as Athena's CloudTrail eventtime text.
func isoKernel(_ *fn.Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
	out := &vec.Vector{T: vec.TVarchar, Len: n, S: make([]string, n), Null: a[0].Null}
	for i, ms := range a[0].I {
		if a[0].IsNull(i) {
			continue
		}
		t := fn.TimeOf(ms)
		if ms%1000 == 0 {
			out.S[i] = t.Format("2006-01-02T15:04:05Z")
		} else {
			out.S[i] = t.Format("2006-01-02T15:04:05.000Z")
		}
	}
	return out, nil
}

// fold evaluates e now when it reads no columns and no subqueries; it
// returns e unchanged otherwise, or when evaluation fails (the error, if
// the value is ever needed, comes at run time).
func (b *binder) fold(e Expr) Expr {
	if _, ok := e.(*Const); ok {
		return e
	}
	constant := true
	Walk(e, func(x Expr) {
		switch x := x.(type) {
		case *ColRef, *SubqueryExpr:
			constant = false
		case *Call:
			if x.Fn.PerRow {
				constant = false
			}
		}
	})
	if !constant {
		return e
	}
	v, err := b.eval(e)
	if err != nil {
		return e
	}
	return v
}

// eval computes a constant expression.
func (b *binder) eval(e Expr) (*Const, error) {
	v, err := EvalConst(b.opt.Ctx, e)
	if err != nil {
		return nil, err
	}
	return &Const{Value: v, T: e.Type()}, nil
}

func (b *binder) typedLit(e *parse.TypedLit) (Expr, error) {
	s := &Const{Value: e.Value, T: vec.TVarchar}
	switch e.Type {
	case "DATE":
		return b.cast(e.Pos, s, vec.TDate, false)
	case "TIMESTAMP":
		return b.cast(e.Pos, s, vec.TTimestamp, false)
	case "DECIMAL", "DOUBLE", "REAL":
		return b.cast(e.Pos, s, vec.TDouble, false)
	case "BIGINT", "INTEGER", "INT", "SMALLINT", "TINYINT":
		return b.cast(e.Pos, s, vec.TBigint, false)
	case "JSON":
		return b.call(e.Pos, "json_parse", []Expr{s})
	case "VARCHAR", "CHAR":
		return s, nil
	case "BOOLEAN":
		return b.cast(e.Pos, s, vec.TBoolean, false)
	case "IPADDRESS":
		return b.call(e.Pos, "$ipaddress", []Expr{s})
	}
	return nil, b.errf(e.Pos, "%s literals are %v", e.Type, ErrUnsupported)
}

func (b *binder) interval(e *parse.IntervalLit) (Expr, error) {
	v := strings.TrimSpace(e.Value)
	neg := e.Negative
	if strings.HasPrefix(v, "-") {
		neg, v = !neg, v[1:]
	}
	sign := int64(1)
	if neg {
		sign = -1
	}
	unitMs := map[string]int64{"DAY": 86400000, "HOUR": 3600000, "MINUTE": 60000, "SECOND": 1000}
	switch {
	case e.To == "" && (e.From == "YEAR" || e.From == "MONTH"):
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, b.errf(e.Pos, "invalid interval value %q", e.Value)
		}
		if e.From == "YEAR" {
			n *= 12
		}
		return &Const{Value: sign * n, T: vec.TIntervalMonth}, nil
	case e.To == "" && unitMs[e.From] > 0:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, b.errf(e.Pos, "invalid interval value %q", e.Value)
		}
		return &Const{Value: sign * int64(math.Round(f*float64(unitMs[e.From]))), T: vec.TIntervalDay}, nil
	case e.From == "YEAR" && e.To == "MONTH":
		var y, m int64
		if _, err := fmt.Sscanf(v, "%d-%d", &y, &m); err != nil {
			return nil, b.errf(e.Pos, "invalid interval value %q (want Y-M)", e.Value)
		}
		return &Const{Value: sign * (y*12 + m), T: vec.TIntervalMonth}, nil
	case unitMs[e.From] > 0 && unitMs[e.To] > 0:
		// 'D HH:MM:SS[.fff]' and its shorter forms.
		var d int64
		rest := v
		if e.From == "DAY" {
			parts := strings.SplitN(v, " ", 2)
			n, err := strconv.ParseInt(parts[0], 10, 64)
			if err != nil {
				return nil, b.errf(e.Pos, "invalid interval value %q", e.Value)
			}
			d = n * 86400000
			rest = ""
			if len(parts) == 2 {
				rest = parts[1]
			}
		}
		var ms int64
		if rest != "" {
			fields := strings.Split(rest, ":")
			units := []int64{3600000, 60000, 1000}
			if e.From == "MINUTE" {
				units = units[1:]
			}
			for i, f := range fields {
				if i >= len(units) {
					return nil, b.errf(e.Pos, "invalid interval value %q", e.Value)
				}
				x, err := strconv.ParseFloat(f, 64)
				if err != nil {
					return nil, b.errf(e.Pos, "invalid interval value %q", e.Value)
				}
				ms += int64(math.Round(x * float64(units[i])))
			}
		}
		return &Const{Value: sign * (d + ms), T: vec.TIntervalDay}, nil
	}
	return nil, b.errf(e.Pos, "interval %s TO %s is %v", e.From, e.To, ErrUnsupported)
}

func (b *binder) dataType(t *parse.DataType) (*vec.Type, error) {
	switch t.Name {
	case "VARCHAR", "CHAR", "STRING", "VARBINARY", "IPADDRESS", "IPPREFIX":
		return vec.TVarchar, nil
	case "BIGINT", "INTEGER", "INT", "SMALLINT", "TINYINT":
		return vec.TBigint, nil
	case "DOUBLE", "REAL", "FLOAT", "DECIMAL":
		return vec.TDouble, nil
	case "BOOLEAN":
		return vec.TBoolean, nil
	case "TIMESTAMP":
		return vec.TTimestamp, nil
	case "DATE":
		return vec.TDate, nil
	case "JSON":
		return vec.TJSON, nil
	case "ARRAY":
		if len(t.Params) != 1 || t.Params[0].Type == nil {
			return nil, b.errf(t.Pos, "ARRAY needs an element type")
		}
		e, err := b.dataType(t.Params[0].Type)
		if err != nil {
			return nil, err
		}
		return vec.ArrayOf(e), nil
	case "ROW":
		fs := make([]vec.Field, len(t.Fields))
		for i, f := range t.Fields {
			ft, err := b.dataType(f.Type)
			if err != nil {
				return nil, err
			}
			if f.Name != nil {
				fs[i].Name = nameKey(*f.Name)
			}
			fs[i].Type = ft
		}
		return vec.RowOf(fs...), nil
	}
	return nil, b.errf(t.Pos, "type %s is %v", t.Name, ErrUnsupported)
}

// EvalConst evaluates an expression that reads no columns.
func EvalConst(c *fn.Ctx, e Expr) (any, error) {
	if c == nil {
		c = &fn.Ctx{Now: time.Now()}
	}
	v, err := evalConst(c, e)
	if err != nil {
		return nil, err
	}
	return v.Get(0), nil
}

func evalConst(c *fn.Ctx, e Expr) (*vec.Vector, error) {
	switch e := e.(type) {
	case *Const:
		return vec.Const(e.T, e.Value, 1)
	case *Call:
		args := make([]*vec.Vector, len(e.Args))
		for i, a := range e.Args {
			v, err := evalConst(c, a)
			if err != nil {
				if e.Fn.Name == fn.Try && errors.Is(err, fn.ErrValue) {
					return vec.Const(e.Fn.Ret, nil, 1)
				}
				return nil, err
			}
			args[i] = v
		}
		return e.Fn.Eval(c, args, 1)
	case *Logic:
		sawNull := false
		for _, a := range e.Args {
			v, err := evalConst(c, a)
			if err != nil {
				return nil, err
			}
			if v.IsNull(0) {
				sawNull = true
				continue
			}
			if v.B[0] == e.Or {
				return vec.Const(vec.TBoolean, e.Or, 1)
			}
		}
		if sawNull {
			return vec.Nulls(vec.TBoolean, 1), nil
		}
		return vec.Const(vec.TBoolean, !e.Or, 1)
	case *IsNullExpr:
		v, err := evalConst(c, e.Arg)
		if err != nil {
			return nil, err
		}
		return vec.Const(vec.TBoolean, v.IsNull(0) != e.Not, 1)
	case *InExpr:
		v, err := evalConst(c, e.Arg)
		if err != nil {
			return nil, err
		}
		if v.IsNull(0) {
			return vec.Nulls(vec.TBoolean, 1), nil
		}
		for _, x := range e.Values {
			k, err := vec.Const(e.Arg.Type(), x, 1)
			if err != nil {
				return nil, err
			}
			if vec.Compare(v, 0, k, 0) == 0 {
				return vec.Const(vec.TBoolean, !e.Not, 1)
			}
		}
		if e.HasNull {
			return vec.Nulls(vec.TBoolean, 1), nil
		}
		return vec.Const(vec.TBoolean, e.Not, 1)
	case *CaseExpr:
		for _, w := range e.Whens {
			v, err := evalConst(c, w.Cond)
			if err != nil {
				return nil, err
			}
			if !v.IsNull(0) && v.B[0] {
				return evalConst(c, w.Result)
			}
		}
		return evalConst(c, e.Else)
	}
	return nil, fmt.Errorf("%w: cannot evaluate %s as a constant", ErrUnsupported, e)
}

// isIPAddress reports whether e is a CAST to IPADDRESS (or its TRY_CAST).
func isIPAddress(e Expr) bool {
	c, ok := e.(*Call)
	for ok && c.Fn.Name == fn.Try && len(c.Args) == 1 {
		c, ok = c.Args[0].(*Call)
	}
	return ok && c.Fn.Name == "$ipaddress"
}
