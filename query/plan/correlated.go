package plan

import (
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/vec"
)

// Correlated subqueries: an EXISTS or scalar subquery whose WHERE compares
// its columns with the enclosing query's (t2.arn = t1.arn) is planned as a
// LEFT JOIN of the enclosing query's rows with the subquery's, grouped by
// those columns, so it runs once, not once per row:
//
//	EXISTS (SELECT ... FROM r WHERE r.k = o.k AND p)
//	    o LEFT JOIN (SELECT DISTINCT r.k, true AS m FROM r WHERE p) ON o.k = k
//	    and the value is m IS NOT NULL;
//	(SELECT f(agg(x)) FROM r WHERE r.k = o.k AND p)
//	    o LEFT JOIN (SELECT r.k, agg(x) AS v FROM r WHERE p GROUP BY r.k)
//	    ON o.k = k, and the value is f(coalesce(v, agg's value over no
//	    rows)): 0 for a count where nothing matches.
//
// The correlation must be conditions ANDed in the subquery's WHERE. An
// EXISTS whose conditions go beyond equalities (t2.eventtime BETWEEN
// t1.eventtime AND t1.eventtime + INTERVAL '1' HOUR) is a mark join: hash
// on the equalities, if any, and the other conditions tested on each
// pair. A scalar subquery must be correlated by equalities only and
// select an expression of aggregates with no GROUP BY. In a grouped
// query, the enclosing query's side must be GROUP BY expressions. Other
// forms get an error saying so.

// outerScope is the scope of a query around a subquery; used is set when
// the subquery refers to one of its columns. A block scope ends the
// search: what is around it is out of sight (an IN subquery's).
type outerScope struct {
	sc    *scope
	used  bool
	block bool
}

// maybeCorrelated binds a subquery with bind, letting it see ctx's
// columns, and reports whether it refers to them.
func (b *binder) maybeCorrelated(q *parse.Query, ctx *ectx, bind func() (Node, error)) (Node, bool, error) {
	o := &outerScope{sc: ctx.sc}
	b.outer = append(b.outer, o)
	n, err := bind()
	b.outer = b.outer[:len(b.outer)-1]
	if err != nil {
		return nil, false, err
	}
	if o.used && ctx.joins == nil {
		return nil, false, b.errf(q.Pos, "a subquery that refers to the outer query's columns is supported only in WHERE, HAVING and the select list")
	}
	return n, o.used, nil
}

// correlation is a correlated subquery taken apart: the subquery's plan
// down to the node above its WHERE filter (root, then its inputs in
// path), the filter's input with the remaining conjuncts (base), and the
// equalities' two sides.
type correlation struct {
	path       []Node // from the subquery's root down to the node above the filter
	base       Node
	inner      []Expr // over base's columns
	outerExprs []Expr // over the enclosing query's columns
	// residual are the other conditions on the outer query's columns
	// (t2.eventtime > t1.eventtime), over both queries' columns.
	residual []Expr
}

// correlate finds the filter of n's WHERE and splits off its equalities
// with the enclosing query (whose column IDs are outer). Only Project,
// Limit, Sort and Aggregate nodes may lie above it.
func (b *binder) correlate(p parse.Pos, n Node, outer map[int]bool) (*correlation, error) {
	c := &correlation{}
	unsupported := func(what string) (*correlation, error) {
		return nil, b.errf(p, "this correlated subquery is not supported: %s (the correlation must be conditions ANDed in its WHERE)", what)
	}
	cur := n
	f, found := cur.(*Filter)
	for !found {
		switch x := cur.(type) {
		case *Project, *Limit, *Sort, *Aggregate, *Distinct:
			if refsAny(nodeExprs(x), outer) {
				return unsupported("it refers to the outer query outside its WHERE")
			}
			c.path = append(c.path, x)
			cur = x.Inputs()[0]
		default:
			return unsupported("its WHERE is not directly under its select list")
		}
		f, found = cur.(*Filter)
	}
	var keep []Expr
	for _, conj := range Conjuncts(f.Cond) {
		if !refsAny([]Expr{conj}, outer) {
			keep = append(keep, conj)
			continue
		}
		call, ok := conj.(*Call)
		if !ok || call.Fn.Name != "$eq" || len(call.Args) != 2 {
			c.residual = append(c.residual, conj)
			continue
		}
		l, r := call.Args[0], call.Args[1]
		lo, ro := refsAny([]Expr{l}, outer), refsAny([]Expr{r}, outer)
		switch {
		case lo && !ro && within(Refs(l), outer):
			c.inner, c.outerExprs = append(c.inner, r), append(c.outerExprs, l)
		case ro && !lo && within(Refs(r), outer):
			c.inner, c.outerExprs = append(c.inner, l), append(c.outerExprs, r)
		default:
			c.residual = append(c.residual, conj)
		}
	}
	c.base = f.Input
	if len(keep) > 0 {
		c.base = &Filter{Input: f.Input, Cond: And(keep)}
	}
	if refsAny(subtreeExprs(c.base), outer) {
		return unsupported("it refers to the outer query below its WHERE (in a join or a derived table)")
	}
	return c, nil
}

func refsAny(es []Expr, ids map[int]bool) bool {
	for _, e := range es {
		if e == nil {
			continue
		}
		for id := range Refs(e) {
			if ids[id] {
				return true
			}
		}
	}
	return false
}

// nodeExprs returns the expressions of node n itself.
func nodeExprs(n Node) []Expr {
	var out []Expr
	collect := func(e Expr) Expr {
		out = append(out, e)
		return e
	}
	rewriteNode(n, collect) // every sub-expression of n's own expressions
	return out
}

func subtreeExprs(n Node) []Expr {
	out := nodeExprs(n)
	for _, in := range n.Inputs() {
		out = append(out, subtreeExprs(in)...)
	}
	return out
}

// correlatedExists plans a correlated EXISTS as a join collected in ctx.
func (b *binder) correlatedExists(p parse.Pos, n Node, ctx *ectx) (Expr, error) {
	c, err := b.correlate(p, n, ctx.sc.ids())
	if err == nil {
		err = b.afterGrouping(p, c, ctx)
	}
	if err != nil {
		return nil, err
	}
	for _, x := range c.path {
		switch x := x.(type) {
		case *Aggregate:
			return nil, b.errf(p, "this correlated EXISTS is not supported: it aggregates (EXISTS of an aggregate is always true)")
		case *Limit:
			if x.Count == 0 || x.Offset > 0 {
				return nil, b.errf(p, "this correlated EXISTS is not supported: LIMIT 0 or OFFSET")
			}
		}
	}
	return b.existsJoin(c, ctx), nil
}

// existsJoin adds to ctx the join that tells, for each row of the
// enclosing query, whether some row of c.base meets c's conditions, and
// returns that (never NULL) truth.
func (b *binder) existsJoin(c *correlation, ctx *ectx) Expr {
	if len(c.residual) > 0 {
		// Conditions beyond equalities: a mark join tells, for each row
		// of the enclosing query, whether some row of the subquery meets
		// them all.
		j := &Join{Right: c.base, Kind: JoinMark, LeftKeys: c.outerExprs, RightKeys: c.inner,
			Residual: And(c.residual), Mark: b.newCol("_exists", vec.TBoolean)}
		*ctx.joins = append(*ctx.joins, j)
		return ref(j.Mark)
	}
	keys := &Project{Input: c.base}
	for _, e := range c.inner {
		keys.Exprs = append(keys.Exprs, e)
		keys.Out = append(keys.Out, b.newCol("_key", e.Type()))
	}
	keys.Exprs = append(keys.Exprs, &Const{Value: true, T: vec.TBoolean})
	mark := b.newCol("_exists", vec.TBoolean)
	keys.Out = append(keys.Out, mark)
	b.addJoin(ctx, &Distinct{Input: keys}, c.outerExprs, keys.Out[:len(c.inner)])
	return &IsNullExpr{Arg: ref(mark), Not: true}
}

// correlatedIn plans x [NOT] IN (correlated subquery of one column y) as
// three EXISTS joins, each on its own binding of the subquery (bind):
// some row with y = x, some row at all, some row with a NULL y. Then IN is
// true on a match, NULL where there is none but x is NULL or some y is
// (and the subquery has rows), false otherwise, as for IN over a list.
func (b *binder) correlatedIn(p parse.Pos, x Expr, not bool, ctx *ectx, bind func() (Node, error)) (Expr, error) {
	var marks [3]Expr
	for i := range marks {
		n, err := bind()
		if err != nil {
			return nil, err
		}
		c, err := b.correlate(p, n, ctx.sc.ids())
		if err != nil {
			return nil, err
		}
		var y Expr
		for _, node := range c.path {
			switch node := node.(type) {
			case *Project:
				if y == nil {
					if len(node.Exprs) != 1 {
						return nil, b.errf(p, "the subquery must return one column, not %d", len(node.Exprs))
					}
					y = node.Exprs[0]
				}
			case *Distinct, *Sort:
			default:
				return nil, b.errf(p, "this correlated IN subquery is not supported: it aggregates or has a LIMIT (write it as EXISTS)")
			}
		}
		if y == nil || len(c.path) == 0 {
			return nil, b.errf(p, "this correlated IN subquery is not supported (write it as EXISTS)")
		}
		if _, ok := c.path[len(c.path)-1].(*Project); !ok {
			return nil, b.errf(p, "this correlated IN subquery is not supported (write it as EXISTS)")
		}
		ct, ok := fn.CompareTypes(x.Type(), y.Type())
		if !ok {
			return nil, b.errf(p, "cannot compare %s with the subquery's %s", x.Type(), y.Type())
		}
		xc, err := b.castTo(p, x, ct)
		if err != nil {
			return nil, err
		}
		if y, err = b.castTo(p, y, ct); err != nil {
			return nil, err
		}
		switch i {
		case 0: // a match
			c.outerExprs, c.inner = append(c.outerExprs, xc), append(c.inner, y)
		case 2: // a NULL y
			c.base = &Filter{Input: c.base, Cond: &IsNullExpr{Arg: y}}
		}
		if err := b.afterGrouping(p, c, ctx); err != nil {
			return nil, err
		}
		marks[i] = b.existsJoin(c, ctx)
	}
	unknown := &Logic{Args: []Expr{marks[1], &Logic{Or: true, Args: []Expr{&IsNullExpr{Arg: x}, marks[2]}}}}
	var v Expr = &CaseExpr{T: vec.TBoolean, Else: &Const{Value: false, T: vec.TBoolean}, Whens: []When{
		{Cond: marks[0], Result: &Const{Value: true, T: vec.TBoolean}},
		{Cond: unknown, Result: &Const{T: vec.TBoolean}},
	}}
	if not {
		return b.call(p, "$not", []Expr{v})
	}
	return v, nil
}

// correlatedScalar plans a correlated scalar subquery of an expression of
// aggregates as a join collected in ctx.
func (b *binder) correlatedScalar(p parse.Pos, n Node, ctx *ectx) (Expr, error) {
	c, err := b.correlate(p, n, ctx.sc.ids())
	if err == nil {
		err = b.afterGrouping(p, c, ctx)
	}
	if err != nil {
		return nil, err
	}
	var (
		proj *Project
		agg  *Aggregate
	)
	if len(c.path) == 2 {
		proj, _ = c.path[0].(*Project)
		agg, _ = c.path[1].(*Aggregate)
	}
	if len(c.residual) > 0 {
		return nil, b.errf(p, "this correlated subquery is not supported: a scalar subquery may refer to the outer query only by equalities ANDed in its WHERE (EXISTS may use other conditions)")
	}
	if len(c.inner) == 0 {
		return nil, b.errf(p, "this correlated subquery is not supported: no equality with the outer query's columns")
	}
	if proj == nil || agg == nil || len(agg.Groups) > 0 || len(proj.Exprs) != 1 {
		return nil, b.errf(p, "this correlated subquery is not supported: a correlated scalar subquery must select one value computed from aggregates, with no GROUP BY")
	}
	// The select expression is computed above the join, where a missing
	// match is NULL: an aggregate whose value over no rows is not (a
	// count's 0) is read through coalesce with that value.
	sub := map[int]Expr{}
	for i, a := range agg.Aggs {
		col := agg.Out[i] // no groups yet: the aggregates' columns
		var e Expr = ref(col)
		empty, err := a.Fn.Empty(1)
		if err != nil {
			return nil, err
		}
		if !empty.IsNull(0) {
			if e, err = b.call(p, "coalesce", []Expr{e, &Const{Value: empty.Get(0), T: a.Fn.Ret}}); err != nil {
				return nil, err
			}
		}
		sub[col.ID] = e
	}
	aggIDs := idsOf(agg.Out)
	if !within(Refs(proj.Exprs[0]), aggIDs) {
		return nil, b.errf(p, "this correlated subquery is not supported: its select expression reads more than its aggregates")
	}
	val := substitute(proj.Exprs[0], sub)
	// Group the aggregate by the subquery's side of the equalities; the
	// join reads its output directly.
	keys := make([]Column, 0, len(c.inner))
	for _, e := range c.inner {
		keys = append(keys, b.newCol("_key", e.Type()))
	}
	agg.Input, agg.Groups, agg.Out = c.base, append([]Expr(nil), c.inner...), append(keys, agg.Out...)
	b.addJoin(ctx, agg, c.outerExprs, keys)
	return val, nil
}

// addJoin adds to ctx a left join of the enclosing query's rows with right,
// on outer[i] = keys[i].
func (b *binder) addJoin(ctx *ectx, right Node, outer []Expr, keys []Column) {
	j := &Join{Right: right, Kind: JoinLeft, LeftKeys: outer}
	for _, k := range keys {
		j.RightKeys = append(j.RightKeys, ref(k))
	}
	*ctx.joins = append(*ctx.joins, j)
}

// withJoins puts n below the joins (in order) that correlated subqueries
// collected.
func withJoins(n Node, joins []*Join) Node {
	for _, j := range joins {
		j.Left = n
		n = j
	}
	return n
}

// afterGrouping, for a correlated subquery of a grouped query (its select
// list or HAVING), rewrites the outer query's side of the correlation over
// the grouping's output: each reference must be to a GROUP BY expression.
func (b *binder) afterGrouping(p parse.Pos, c *correlation, ctx *ectx) error {
	if ctx.agg == nil {
		return nil
	}
	outer := ctx.sc.ids()
	over := func(e Expr) (Expr, error) {
		e = Rewrite(e, func(x Expr) Expr {
			if g, ok := ctx.agg.groups[x.String()]; ok {
				return g
			}
			return x
		})
		if refsAny([]Expr{e}, outer) {
			return nil, b.errf(p, "the subquery refers to the outer query's %s, which is not a GROUP BY expression", e)
		}
		return e, nil
	}
	var err error
	for i, e := range c.outerExprs {
		if c.outerExprs[i], err = over(e); err != nil {
			return err
		}
	}
	for i, e := range c.residual {
		if c.residual[i], err = over(e); err != nil {
			return err
		}
	}
	return nil
}
