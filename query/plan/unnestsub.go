package plan

import (
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/vec"
)

// A subquery over UNNEST of the outer row's array,
//
//	EXISTS (SELECT 1 FROM UNNEST(resources) AS t(r) WHERE r.type = 'AWS::S3::Object')
//	(SELECT count(*) FROM UNNEST(resources) AS t(arn, accountid, type) WHERE accountid <> c.account)
//
// reads one row's array and nothing else, so it is planned as lambdas over
// that array (any_match, filter, transform) rather than as a join. EXISTS,
// NOT EXISTS and scalar subqueries of one count(*), count(x), count_if(c),
// min(x) or max(x) take this form; other shapes are planned as any other
// subquery.

// rowUnnestSubquery binds q as such a subquery when it has that shape:
// exists for EXISTS, otherwise a scalar subquery. ok is false when q has
// another shape.
func (b *binder) rowUnnestSubquery(q *parse.Query, exists bool, ctx *ectx) (e Expr, ok bool, err error) {
	sel, ok := q.Body.(*parse.Select)
	if !ok || q.With != nil || len(q.OrderBy) > 0 || q.Offset != nil || q.Limit != nil ||
		len(sel.From) != 1 || len(sel.GroupBy) > 0 || len(sel.Grouping) > 0 || sel.Having != nil || len(sel.Windows) > 0 {
		return nil, false, nil
	}
	u, alias, names, ok := unnestOf(sel.From[0])
	if !ok || u.Ordinality || len(u.Exprs) != 1 {
		return nil, false, nil
	}
	arr, err := b.expr(u.Exprs[0], ctx)
	if err != nil || len(Refs(arr)) == 0 {
		// An array of constants is an uncorrelated subquery; an array that
		// does not bind here is reported by the general path.
		return nil, false, nil
	}
	var agg *parse.FuncCall
	if !exists {
		if agg = unnestAggregate(sel); agg == nil {
			return nil, true, b.errf(q.Pos, "a scalar subquery over UNNEST of the outer row's array must select one count(*), count(x), count_if(c), min(x) or max(x) (or UNNEST it in the outer query with CROSS JOIN UNNEST)")
		}
	}
	if arr.Type().Kind != vec.Array {
		return nil, true, b.errf(u.Exprs[0].Position(), "UNNEST needs an array, not %s", arr.Type())
	}
	elem := arr.Type().Elem
	pc := b.newCol("_elem", elem)
	param := ref(pc)

	// The alias's columns: the element, or a row element's fields (each a
	// stand-in column replaced by the field of the parameter once bound).
	own := &relation{alias: alias}
	fields := map[int]Expr{}
	if elem.Kind == vec.Row && len(names) != 1 {
		if len(names) > 0 && len(names) != len(elem.Fields) {
			return nil, true, b.errf(u.Pos, "UNNEST alias names %d columns, it produces %d", len(names), len(elem.Fields))
		}
		for i, f := range elem.Fields {
			name := f.Name
			if len(names) > 0 {
				name = nameKey(names[i])
			}
			c := b.newCol(name, f.Type)
			own.cols = append(own.cols, scopeCol{name: name, ref: ref(c)})
			fields[c.ID] = &Call{Fn: fn.RowField(elem, i), Args: []Expr{param}}
		}
	} else {
		name := "_col0"
		if len(names) == 1 {
			name = nameKey(names[0])
		} else if len(names) > 1 {
			return nil, true, b.errf(u.Pos, "UNNEST alias names %d columns, it produces 1", len(names))
		}
		own.cols = []scopeCol{{name: name, ref: param}}
	}
	inner := shadowed(ctx, own)
	bind := func(pe parse.Expr, boolean bool) (Expr, error) {
		x, err := b.expr(pe, inner)
		if err != nil {
			return nil, err
		}
		if boolean {
			if !fn.Coercible(x.Type(), vec.TBoolean) {
				return nil, b.errf(pe.Position(), "%s must be a boolean, not %s", parse.Format(pe), x.Type())
			}
			if x, err = b.castTo(pe.Position(), x, vec.TBoolean); err != nil {
				return nil, err
			}
		}
		return substitute(x, fields), nil
	}
	lambda := func(name string, over Expr, body Expr, t *vec.Type) Expr {
		return &ArrayLambda{Fn: name, Arr: over, Param: param, Body: body, T: t}
	}
	var where Expr
	if sel.Where != nil {
		if where, err = bind(sel.Where, true); err != nil {
			return nil, true, err
		}
	}
	pos := q.Pos
	coalesce := func(x Expr, dflt any, t *vec.Type) (Expr, error) {
		return b.call(pos, "coalesce", []Expr{x, &Const{T: t, Value: dflt}})
	}
	if exists {
		cond := Expr(&Const{T: vec.TBoolean, Value: true})
		if where != nil {
			if cond, err = coalesce(where, false, vec.TBoolean); err != nil {
				return nil, true, err
			}
		}
		// No element, or a NULL array: no row, so EXISTS is false.
		e, err = coalesce(lambda("any_match", arr, cond, vec.TBoolean), false, vec.TBoolean)
		return e, true, err
	}
	rows := arr
	if where != nil {
		rows = lambda("filter", arr, where, arr.Type())
	}
	name := nameKey(agg.Name.Parts[0])
	count := func(over Expr) (Expr, error) {
		n, err := b.call(pos, "cardinality", []Expr{over})
		if err != nil {
			return nil, err
		}
		return coalesce(n, int64(0), vec.TBigint)
	}
	if name == "count" && agg.Star {
		e, err = count(rows)
		return e, true, err
	}
	x, err := bind(agg.Args[0], name == "count_if")
	if err != nil {
		return nil, true, err
	}
	if name == "count_if" {
		e, err = count(lambda("filter", rows, x, rows.Type()))
		return e, true, err
	}
	// The values of x, without NULLs (the aggregates skip them).
	vc := b.newCol("_value", x.Type())
	v := ref(vc)
	values := &ArrayLambda{Fn: "filter", Arr: lambda("transform", rows, x, vec.ArrayOf(x.Type())), Param: v,
		Body: &IsNullExpr{Arg: v, Not: true}, T: vec.ArrayOf(x.Type())}
	if name == "count" {
		e, err = count(values)
		return e, true, err
	}
	// min or max (unnestAggregate allows no other)
	if !x.Type().Orderable() {
		return nil, true, b.errf(agg.Pos, "%s of %s is not defined", name, x.Type())
	}
	e, err = b.call(pos, "array_"+name, []Expr{values})
	return e, true, err
}

// unnestAggregate is the one aggregate a scalar subquery over UNNEST of the
// outer row selects, or nil when it selects something else.
func unnestAggregate(sel *parse.Select) *parse.FuncCall {
	if sel.Distinct || len(sel.Items) != 1 {
		return nil
	}
	item, ok := sel.Items[0].(*parse.SelectExpr)
	if !ok {
		return nil
	}
	agg, ok := item.Expr.(*parse.FuncCall)
	if !ok || agg.Distinct || agg.Filter != nil || agg.Over != nil || len(agg.OrderBy) > 0 || agg.NullTreatment != "" || len(agg.Name.Parts) != 1 {
		return nil
	}
	switch name := nameKey(agg.Name.Parts[0]); {
	case name == "count" && (agg.Star || len(agg.Args) == 1):
	case (name == "count_if" || name == "min" || name == "max") && len(agg.Args) == 1:
	default:
		return nil
	}
	return agg
}
