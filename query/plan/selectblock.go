package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/vec"
)

// ectx is the context an expression is bound in.
type ectx struct {
	sc  *scope
	agg *aggScope          // set after GROUP BY: names must be groups or aggregates
	win map[string]*ColRef // window calls already computed, by key
	// joins, where set, collects the joins correlated subqueries need
	// (see correlated.go); nil where they are not supported.
	joins *[]*Join
}

type aggScope struct {
	groups map[string]*ColRef // bound group expression → its column
	calls  map[string]*ColRef // aggregate call key → its column
	// texts maps each aggregate call's text (parse.Format) to its column:
	// found without binding the call again, which for a call holding a
	// subquery would give another key.
	texts map[string]*ColRef
	// With grouping sets: which groups (by bound expression) each set
	// holds, and the column with the row's set number. Nil sets: one set
	// of all groups.
	sets [][]string
	set  *ColRef
}

type item struct {
	expr parse.Expr // nil for a column of *
	col  *ColRef
	name string
	pos  parse.Pos
}

func (b *binder) selectBlock(sel *parse.Select, orderBy []*parse.OrderItem) (Node, []string, error) {
	if err := b.namedWindows(sel, orderBy); err != nil {
		return nil, nil, err
	}
	n, sc, err := b.from(sel.From)
	if err != nil {
		return nil, nil, err
	}
	if sel.Where != nil {
		if hasAggregate(sel.Where) {
			return nil, nil, b.errf(sel.Where.Position(), "WHERE cannot contain aggregate functions; use HAVING")
		}
		var joins []*Join
		cond, err := b.boolExpr(sel.Where, &ectx{sc: sc, joins: &joins})
		if err != nil {
			return nil, nil, err
		}
		n = &Filter{Input: withJoins(n, joins), Cond: cond}
	}
	// The select list, with * expanded.
	var items []item
	for i, si := range sel.Items {
		switch si := si.(type) {
		case *parse.SelectExpr:
			name := outputName(si.Expr, i)
			if si.Alias != nil {
				name = nameKey(*si.Alias)
			}
			items = append(items, item{expr: si.Expr, name: name, pos: si.Pos})
		case *parse.AllColumns:
			var qual string
			if len(si.Qualifier) > 0 {
				qual = nameKey(si.Qualifier[len(si.Qualifier)-1])
			}
			found := false
			if qual == "" {
				// JOIN ... USING: each merged column once, first.
				for _, name := range sc.usingOrder {
					ref := &parse.ColumnRef{Pos: si.Pos, Parts: []parse.Ident{{Pos: si.Pos, Name: name, Quoted: true}}}
					items = append(items, item{expr: ref, name: name, pos: si.Pos})
				}
			}
			for _, r := range sc.rels {
				if qual != "" && r.alias != qual {
					continue
				}
				found = true
				for _, c := range r.cols {
					if _, merged := sc.using[c.name]; merged && qual == "" {
						continue
					}
					items = append(items, item{col: c.ref, name: c.name, pos: si.Pos})
				}
			}
			if !found {
				return nil, nil, b.errf(si.Pos, "%s.* names no relation in FROM", qual)
			}
		}
	}
	var exprs []parse.Expr
	for _, it := range items {
		if it.expr != nil {
			exprs = append(exprs, it.expr)
		}
	}
	if sel.Having != nil {
		exprs = append(exprs, sel.Having)
	}
	for _, o := range orderBy {
		exprs = append(exprs, o.Expr)
	}
	aggregating := len(sel.GroupBy) > 0 || len(sel.Grouping) > 0 || sel.Having != nil
	for _, e := range exprs {
		aggregating = aggregating || hasAggregate(e)
	}
	ctx := &ectx{sc: sc}
	if aggregating {
		if n, ctx, err = b.aggregate(n, sc, sel, items, exprs); err != nil {
			return nil, nil, err
		}
		if sel.Having != nil {
			var joins []*Join
			cond, err := b.boolExpr(sel.Having, &ectx{sc: ctx.sc, agg: ctx.agg, joins: &joins})
			if err != nil {
				return nil, nil, err
			}
			n = &Filter{Input: withJoins(n, joins), Cond: cond}
		}
	}
	if n, err = b.windows(n, ctx, exprs); err != nil {
		return nil, nil, err
	}
	proj := &Project{Input: n}
	var names []string
	var joins []*Join
	ctx = &ectx{sc: ctx.sc, agg: ctx.agg, win: ctx.win, joins: &joins}
	for _, it := range items {
		var e Expr = it.col
		if it.expr != nil {
			if e, err = b.expr(it.expr, ctx); err != nil {
				return nil, nil, err
			}
		} else if ctx.agg != nil {
			g, ok := ctx.agg.groups[it.col.String()]
			if !ok {
				return nil, nil, b.errf(it.pos, "column %s must be in GROUP BY or inside an aggregate function", it.name)
			}
			e = g
		}
		proj.Exprs = append(proj.Exprs, e)
		proj.Out = append(proj.Out, b.newCol(it.name, e.Type()))
		names = append(names, it.name)
	}
	proj.Input = withJoins(proj.Input, joins)
	ctx.joins = nil
	var out Node = proj
	if sel.Distinct {
		out = &Distinct{Input: proj}
	}
	if len(orderBy) == 0 {
		return out, names, nil
	}
	visible := len(proj.Exprs)
	var keys []SortKey
	for _, o := range orderBy {
		e, err := b.orderItem(o, proj, names, ctx, sel.Distinct, visible)
		if err != nil {
			return nil, nil, err
		}
		keys = append(keys, sortKey(e, o))
	}
	out = &Sort{Input: out, Keys: keys, Limit: -1}
	if len(proj.Exprs) > visible { // drop the hidden sort columns
		final := &Project{Input: out}
		for _, c := range proj.Out[:visible] {
			final.Exprs = append(final.Exprs, ref(c))
			final.Out = append(final.Out, b.newCol(c.Name, c.T))
		}
		out = final
	}
	return out, names, nil
}

// orderItem resolves one ORDER BY item of a select block: an ordinal, an
// output name, an expression equal to a select item, or (not with
// DISTINCT) any expression over the input, computed as a hidden column.
func (b *binder) orderItem(o *parse.OrderItem, proj *Project, names []string, ctx *ectx, distinct bool, visible int) (Expr, error) {
	if i, ok := ordinal(o.Expr); ok {
		if i < 1 || i > visible {
			return nil, b.errf(o.Pos, "ORDER BY position %d is not in the select list (1..%d)", i, visible)
		}
		return ref(proj.Out[i-1]), nil
	}
	if cr, ok := o.Expr.(*parse.ColumnRef); ok && len(cr.Parts) == 1 {
		name := nameKey(cr.Parts[0])
		match := -1
		for i := 0; i < visible; i++ {
			if names[i] == name {
				if match >= 0 && proj.Exprs[match].String() != proj.Exprs[i].String() {
					return nil, b.errf(o.Pos, "ORDER BY %s is ambiguous", name)
				}
				match = i
			}
		}
		if match >= 0 {
			return ref(proj.Out[match]), nil
		}
	}
	e, err := b.expr(o.Expr, ctx)
	if err != nil {
		return nil, err
	}
	for i, pe := range proj.Exprs {
		if pe.String() == e.String() {
			return ref(proj.Out[i]), nil
		}
	}
	if distinct {
		return nil, b.errf(o.Pos, "with SELECT DISTINCT, ORDER BY expressions must appear in the select list")
	}
	proj.Exprs = append(proj.Exprs, e)
	c := b.newCol("_sort", e.Type())
	proj.Out = append(proj.Out, c)
	return ref(c), nil
}

// aggregate plans GROUP BY and the aggregate calls of exprs.
func (b *binder) aggregate(n Node, sc *scope, sel *parse.Select, items []item, exprs []parse.Expr) (Node, *ectx, error) {
	plain := &ectx{sc: sc}
	agg := &Aggregate{Input: n}
	as := &aggScope{groups: map[string]*ColRef{}, calls: map[string]*ColRef{}, texts: map[string]*ColRef{}}
	addGroup := func(e Expr) {
		if _, dup := as.groups[e.String()]; dup {
			return
		}
		name := "_group"
		if c, ok := e.(*ColRef); ok {
			name = c.Name
		}
		col := b.newCol(name, e.Type())
		agg.Groups = append(agg.Groups, e)
		agg.Out = append(agg.Out, col)
		as.groups[e.String()] = ref(col)
	}
	// group binds one GROUP BY expression: an ordinal, an expression over
	// the input, or a select alias.
	group := func(g parse.Expr) (Expr, error) {
		var pe = g
		if i, ok := ordinal(g); ok {
			if i < 1 || i > len(items) {
				return nil, b.errf(g.Position(), "GROUP BY position %d is not in the select list (1..%d)", i, len(items))
			}
			if items[i-1].expr == nil {
				return items[i-1].col, nil
			}
			pe = items[i-1].expr
		}
		if hasAggregate(pe) {
			return nil, b.errf(g.Position(), "GROUP BY cannot contain aggregate functions")
		}
		e, err := b.expr(pe, plain)
		if err != nil {
			// GROUP BY a select alias (DuckDB and MySQL allow it).
			if cr, ok := pe.(*parse.ColumnRef); ok && len(cr.Parts) == 1 {
				for _, it := range items {
					if it.expr != nil && it.name == nameKey(cr.Parts[0]) && !hasAggregate(it.expr) {
						if e, err = b.expr(it.expr, plain); err == nil {
							break
						}
					}
				}
			}
		}
		return e, err
	}
	if len(sel.Grouping) == 0 {
		for _, g := range sel.GroupBy {
			e, err := group(g)
			if err != nil {
				return nil, nil, err
			}
			addGroup(e)
		}
	} else {
		var err error
		if n, err = b.groupingSets(agg, as, sel, group); err != nil {
			return nil, nil, err
		}
		agg.Input = n
	}
	var calls []*parse.FuncCall
	for _, e := range exprs {
		collectAggregates(e, &calls)
	}
	// The aggregates' arguments see the input rows, so correlated
	// subqueries in them (count_if(x IN (SELECT ...))) join below.
	var joins []*Join
	args := &ectx{sc: sc, joins: &joins}
	for _, fc := range calls {
		key, call, err := b.aggCall(fc, args)
		if err != nil {
			return nil, nil, err
		}
		if c, dup := as.calls[key]; dup {
			as.texts[parse.Format(fc)] = c
			continue
		}
		col := b.newCol(lowerName(fc.Name), call.Fn.Ret)
		agg.Aggs = append(agg.Aggs, *call)
		agg.Out = append(agg.Out, col)
		as.calls[key] = ref(col)
		as.texts[parse.Format(fc)] = ref(col)
	}
	agg.Input = withJoins(agg.Input, joins)
	return agg, &ectx{sc: sc, agg: as}, nil
}

// aggCall binds an aggregate call's arguments over the input rows.
func (b *binder) aggCall(fc *parse.FuncCall, plain *ectx) (string, *AggCall, error) {
	name := lowerName(fc.Name)
	var args []Expr
	var types []*vec.Type
	for _, a := range fc.Args {
		if hasAggregate(a) {
			return "", nil, b.errf(a.Position(), "aggregate function calls cannot be nested")
		}
		e, err := b.expr(a, plain)
		if err != nil {
			return "", nil, err
		}
		args = append(args, e)
		types = append(types, e.Type())
	}
	if fc.Star && name != "count" {
		return "", nil, b.errf(fc.Pos, "%s(*) is not a function; only count(*)", name)
	}
	f, err := fn.ResolveAggregate(name, types, fc.Distinct)
	if err != nil {
		return "", nil, b.errf(fc.Pos, "%v", err)
	}
	for i := range args {
		if args[i], err = b.castTo(fc.Args[i].Position(), args[i], f.Args[i]); err != nil {
			return "", nil, err
		}
	}
	call := &AggCall{Fn: f, Args: args}
	if fc.Filter != nil {
		if call.Filter, err = b.boolExpr(fc.Filter, plain); err != nil {
			return "", nil, err
		}
	}
	for _, o := range fc.OrderBy {
		e, err := b.expr(o.Expr, plain)
		if err != nil {
			return "", nil, err
		}
		call.OrderBy = append(call.OrderBy, sortKey(e, o))
	}
	var key strings.Builder
	key.WriteString(name)
	if fc.Distinct {
		key.WriteString(" distinct")
	}
	for _, a := range args {
		key.WriteString("|" + a.String())
	}
	if call.Filter != nil {
		key.WriteString(" filter " + call.Filter.String())
	}
	for _, o := range call.OrderBy {
		key.WriteString(" order " + o.Expr.String())
		if o.Desc {
			key.WriteString(" desc")
		}
		if o.NullsFirst {
			key.WriteString(" nf")
		}
	}
	call.text = key.String()
	return call.text, call, nil
}

// windows plans the window function calls of exprs over n.
func (b *binder) windows(n Node, ctx *ectx, exprs []parse.Expr) (Node, error) {
	var calls []*parse.FuncCall
	for _, e := range exprs {
		collectWindows(e, &calls)
	}
	if len(calls) == 0 {
		return n, nil
	}
	w := &Window{Input: n}
	ctx.win = map[string]*ColRef{}
	for _, fc := range calls {
		wc, err := b.windowCall(fc, ctx)
		if err != nil {
			return nil, err
		}
		if _, dup := ctx.win[wc.text]; dup {
			continue
		}
		col := b.newCol(lowerName(fc.Name), wc.T)
		w.Funcs = append(w.Funcs, *wc)
		w.Out = append(w.Out, col)
		ctx.win[wc.text] = ref(col)
	}
	return w, nil
}

func (b *binder) windowCall(fc *parse.FuncCall, ctx *ectx) (*WindowCall, error) {
	name := lowerName(fc.Name)
	inner := &ectx{sc: ctx.sc, agg: ctx.agg}
	wc := &WindowCall{Name: name, IgnoreNulls: fc.NullTreatment == "IGNORE"}
	switch name {
	case "lag", "lead", "first_value", "last_value", "nth_value":
	default:
		if fc.NullTreatment != "" {
			return nil, b.errf(fc.Pos, "%s NULLS applies to lag, lead, first_value, last_value and nth_value, not %s", fc.NullTreatment, name)
		}
	}
	var types []*vec.Type
	for _, a := range fc.Args {
		e, err := b.expr(a, inner)
		if err != nil {
			return nil, err
		}
		wc.Args = append(wc.Args, e)
		types = append(types, e.Type())
	}
	switch name {
	case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist":
		if len(wc.Args) != 0 {
			return nil, b.errf(fc.Pos, "%s takes no arguments", name)
		}
		wc.T = vec.TBigint
		if name == "percent_rank" || name == "cume_dist" {
			wc.T = vec.TDouble
		}
	case "ntile":
		if len(wc.Args) != 1 {
			return nil, b.errf(fc.Pos, "ntile takes one argument, the number of buckets")
		}
		var err error
		if wc.Args[0], err = b.castTo(fc.Pos, wc.Args[0], vec.TBigint); err != nil {
			return nil, err
		}
		wc.T = vec.TBigint
	case "lag", "lead", "first_value", "last_value", "nth_value":
		if len(wc.Args) < 1 || len(wc.Args) > 3 {
			return nil, b.errf(fc.Pos, "%s takes 1 to 3 arguments", name)
		}
		wc.T = wc.Args[0].Type()
		if len(wc.Args) >= 2 {
			var err error
			if wc.Args[1], err = b.castTo(fc.Pos, wc.Args[1], vec.TBigint); err != nil {
				return nil, err
			}
			c, ok := wc.Args[1].(*Const)
			if !ok {
				return nil, b.errf(fc.Args[1].Position(), "the offset of %s must be a constant", name)
			}
			k, isInt := c.Value.(int64)
			switch {
			case !isInt:
				return nil, b.errf(fc.Args[1].Position(), "the offset of %s must not be NULL", name)
			case name == "nth_value" && k < 1:
				return nil, b.errf(fc.Args[1].Position(), "the position of nth_value must be at least 1, not %d", k)
			case k < 0:
				return nil, b.errf(fc.Args[1].Position(), "the offset of %s must not be negative, not %d", name, k)
			}
		}
		if len(wc.Args) == 3 {
			t, ok := vec.Common(wc.T, wc.Args[2].Type())
			if !ok {
				return nil, b.errf(fc.Args[2].Position(), "the default of %s has type %s, not %s", name, wc.Args[2].Type(), wc.T)
			}
			wc.T = t
			var err error
			if wc.Args[0], err = b.castTo(fc.Pos, wc.Args[0], t); err != nil {
				return nil, err
			}
			if wc.Args[2], err = b.castTo(fc.Pos, wc.Args[2], t); err != nil {
				return nil, err
			}
		}
	default:
		f, err := fn.ResolveAggregate(name, types, fc.Distinct)
		if err != nil {
			return nil, b.errf(fc.Pos, "%v", err)
		}
		for i := range wc.Args {
			if wc.Args[i], err = b.castTo(fc.Pos, wc.Args[i], f.Args[i]); err != nil {
				return nil, err
			}
		}
		wc.Agg, wc.T = f, f.Ret
	}
	for _, p := range fc.Over.PartitionBy {
		e, err := b.expr(p, inner)
		if err != nil {
			return nil, err
		}
		wc.PartitionBy = append(wc.PartitionBy, e)
	}
	for _, o := range fc.Over.OrderBy {
		e, err := b.expr(o.Expr, inner)
		if err != nil {
			return nil, err
		}
		wc.OrderBy = append(wc.OrderBy, sortKey(e, o))
	}
	wc.Frame = Frame{Start: FrameBound{Unbounded: true}, End: FrameBound{Unbounded: len(wc.OrderBy) == 0}}
	if f := fc.Over.Frame; f != nil {
		bound := func(fb parse.FrameBound) (FrameBound, error) {
			switch fb.Kind {
			case parse.UnboundedPreceding, parse.UnboundedFollowing:
				return FrameBound{Unbounded: true}, nil
			case parse.CurrentRow:
				return FrameBound{}, nil
			}
			e, err := b.expr(fb.Offset, &ectx{sc: &scope{}})
			if err != nil {
				return FrameBound{}, err
			}
			c, ok := e.(*Const)
			if !ok || c.Value == nil {
				return FrameBound{}, b.errf(fb.Pos, "a frame offset must be a constant")
			}
			sign := int64(1)
			if fb.Kind == parse.Preceding {
				sign = -1
			}
			if f.Unit == "ROWS" {
				k, isInt := c.Value.(int64)
				if !isInt || k < 0 || c.T.Kind != vec.Bigint {
					return FrameBound{}, b.errf(fb.Pos, "a ROWS frame offset must be a non-negative integer constant")
				}
				return FrameBound{Offset: sign * k}, nil
			}
			// RANGE: an offset of the ORDER BY key's type.
			if len(wc.OrderBy) != 1 {
				return FrameBound{}, b.errf(fb.Pos, "a RANGE frame with an offset needs exactly one ORDER BY key")
			}
			kt := wc.OrderBy[0].Expr.Type()
			switch {
			case kt.Kind == vec.Timestamp && c.T.Kind == vec.IntervalDay, kt.Kind == vec.Bigint && c.T.Kind == vec.Bigint:
				k := c.Value.(int64) // milliseconds for an interval
				if k < 0 {
					return FrameBound{}, b.errf(fb.Pos, "a frame offset must not be negative")
				}
				return FrameBound{Offset: sign * k, Value: true}, nil
			case kt.Kind == vec.Double && (c.T.Kind == vec.Bigint || c.T.Kind == vec.Double):
				x, isF := c.Value.(float64)
				if !isF {
					x = float64(c.Value.(int64))
				}
				if !(x >= 0) {
					return FrameBound{}, b.errf(fb.Pos, "a frame offset must not be negative")
				}
				return FrameBound{FOffset: float64(sign) * x, Value: true}, nil
			}
			return FrameBound{}, b.errf(fb.Pos, "a RANGE frame offset of type %s does not fit an ORDER BY key of type %s (a timestamp takes an INTERVAL DAY TO SECOND, a number a number)", c.T, kt)
		}
		fr := Frame{Rows: f.Unit == "ROWS"}
		if f.Unit == "GROUPS" {
			return nil, b.errf(f.Pos, "GROUPS frames are %v", ErrUnsupported)
		}
		var err error
		if fr.Start, err = bound(f.Start); err != nil {
			return nil, err
		}
		fr.End = FrameBound{}
		if f.End != nil {
			if fr.End, err = bound(*f.End); err != nil {
				return nil, err
			}
		}
		wc.Frame = fr
	}
	var key strings.Builder
	key.WriteString(name)
	for _, a := range wc.Args {
		key.WriteString("|" + a.String())
	}
	key.WriteString(" over")
	for _, p := range wc.PartitionBy {
		key.WriteString(" p:" + p.String())
	}
	for _, o := range wc.OrderBy {
		key.WriteString(" o:" + o.Expr.String())
		if o.Desc {
			key.WriteString(" desc")
		}
		if o.NullsFirst {
			key.WriteString(" nf")
		}
	}
	key.WriteString(" " + frameText(wc.Frame))
	if wc.IgnoreNulls {
		key.WriteString(" ignore nulls")
	}
	wc.text = key.String()
	return wc, nil
}

func frameText(f Frame) string {
	b := func(x FrameBound) string {
		if x.Unbounded {
			return "u"
		}
		if x.Value {
			return fmt.Sprintf("v%d/%g", x.Offset, x.FOffset)
		}
		return fmt.Sprintf("%+d", x.Offset)
	}
	unit := "range"
	if f.Rows {
		unit = "rows"
	}
	return unit + "[" + b(f.Start) + "," + b(f.End) + "]"
}

// hasAggregate reports whether e calls an aggregate function outside a
// window (not looking into subqueries).
func hasAggregate(e parse.Expr) bool {
	var calls []*parse.FuncCall
	collectAggregates(e, &calls)
	return len(calls) > 0
}

func isAggregateCall(fc *parse.FuncCall) bool {
	return fc.Over == nil && (fn.IsAggregate(lowerName(fc.Name)) || fc.Star)
}

func collectAggregates(e parse.Expr, out *[]*parse.FuncCall) {
	if fc, ok := e.(*parse.FuncCall); ok && isAggregateCall(fc) {
		*out = append(*out, fc)
		return
	}
	for _, c := range children(e) {
		collectAggregates(c, out)
	}
}

func collectWindows(e parse.Expr, out *[]*parse.FuncCall) {
	if fc, ok := e.(*parse.FuncCall); ok && fc.Over != nil {
		*out = append(*out, fc)
		return
	}
	for _, c := range children(e) {
		collectWindows(c, out)
	}
}

// children lists the sub-expressions of e, not entering subqueries.
func children(e parse.Expr) []parse.Expr {
	var out []parse.Expr
	add := func(es ...parse.Expr) {
		for _, x := range es {
			if x != nil {
				out = append(out, x)
			}
		}
	}
	switch e := e.(type) {
	case *parse.Dereference:
		add(e.Base)
	case *parse.Subscript:
		add(e.Base, e.Index)
	case *parse.Binary:
		add(e.Left, e.Right)
	case *parse.Unary:
		add(e.Expr)
	case *parse.Not:
		add(e.Expr)
	case *parse.IsNull:
		add(e.Expr)
	case *parse.IsDistinctFrom:
		add(e.Left, e.Right)
	case *parse.Between:
		add(e.Expr, e.Low, e.High)
	case *parse.InList:
		add(e.Expr)
		add(e.List...)
	case *parse.InSubquery:
		add(e.Expr)
	case *parse.Like:
		add(e.Expr, e.Pattern, e.Escape)
	case *parse.QuantifiedComparison:
		add(e.Left)
	case *parse.FuncCall:
		add(e.Args...)
		add(e.Filter)
		for _, o := range e.OrderBy {
			add(o.Expr)
		}
		if e.Over != nil {
			add(e.Over.PartitionBy...)
			for _, o := range e.Over.OrderBy {
				add(o.Expr)
			}
		}
	case *parse.Cast:
		add(e.Expr)
	case *parse.Case:
		add(e.Operand)
		for _, w := range e.Whens {
			add(w.Cond, w.Result)
		}
		add(e.Else)
	case *parse.Extract:
		add(e.From)
	case *parse.Trim:
		add(e.Chars, e.From)
	case *parse.Substring:
		add(e.Expr, e.From, e.For)
	case *parse.PositionOf:
		add(e.Sub, e.In)
	case *parse.ArrayCtor:
		add(e.Elems...)
	case *parse.RowCtor:
		add(e.Fields...)
	case *parse.AtTimeZone:
		add(e.Expr, e.Zone)
	}
	return out
}

// groupingSets binds a GROUP BY list with ROLLUP, CUBE or GROUPING SETS:
// the grouping sets are the cross product of its elements' sets, each with
// the plain expressions added. Below agg it puts an Expand of its input,
// and makes agg group by the Expand's group columns and set number, so
// that rows of different sets never share a group (a set listed twice
// gives its rows twice, as in Trino). It returns the Expand.
func (b *binder) groupingSets(agg *Aggregate, as *aggScope, sel *parse.Select, group func(parse.Expr) (Expr, error)) (Node, error) {
	var (
		groups []Expr // every group expression, once
		index  = map[string]int{}
	)
	bind := func(pes []parse.Expr) ([]int, error) {
		var set []int
		for _, pe := range pes {
			e, err := group(pe)
			if err != nil {
				return nil, err
			}
			k := e.String()
			i, ok := index[k]
			if !ok {
				i = len(groups)
				index[k] = i
				groups = append(groups, e)
			}
			set = append(set, i)
		}
		return set, nil
	}
	plainSet, err := bind(sel.GroupBy)
	if err != nil {
		return nil, err
	}
	sets := [][]int{plainSet}
	for _, g := range sel.Grouping {
		var next [][]int
		for _, es := range g.Expand() {
			add, err := bind(es)
			if err != nil {
				return nil, err
			}
			for _, s := range sets {
				next = append(next, append(append([]int(nil), s...), add...))
			}
		}
		sets = next
		if sel.GroupDistinct {
			sets = distinctSets(sets)
		}
		if len(sets) > 4096 {
			return nil, b.errf(g.Pos, "GROUP BY makes %d grouping sets; at most 4096 are allowed", len(sets))
		}
	}
	ex := &Expand{Input: agg.Input}
	for _, g := range groups {
		name := "_group"
		if c, ok := g.(*ColRef); ok {
			name = c.Name
		}
		ex.Out = append(ex.Out, b.newCol(name, g.Type()))
	}
	ex.Out = append(ex.Out, b.newCol("_grouping_set", vec.TBigint))
	as.sets = make([][]string, len(sets))
	for k, set := range sets {
		in := make([]bool, len(groups))
		for _, i := range set {
			in[i] = true
		}
		row := make([]Expr, 0, len(groups)+1)
		for i, g := range groups {
			if in[i] {
				row = append(row, g)
				as.sets[k] = append(as.sets[k], g.String())
			} else {
				row = append(row, &Const{T: g.Type()})
			}
		}
		ex.Sets = append(ex.Sets, append(row, &Const{Value: int64(k), T: vec.TBigint}))
		if len(set) == 0 {
			agg.EmptySets = append(agg.EmptySets, int64(k))
		}
	}
	for i, g := range groups {
		col := b.newCol(ex.Out[i].Name, g.Type())
		agg.Groups = append(agg.Groups, ref(ex.Out[i]))
		agg.Out = append(agg.Out, col)
		as.groups[g.String()] = ref(col)
	}
	set := b.newCol("_grouping_set", vec.TBigint)
	agg.Groups = append(agg.Groups, ref(ex.Out[len(groups)]))
	agg.Out = append(agg.Out, set)
	as.set = ref(set)
	return ex, nil
}

// grouping binds grouping(e1, ..., en) after GROUP BY: a bigint whose bit
// n-1-i is set when ei is not in the row's grouping set (0 without
// grouping sets). Each ei must be a GROUP BY expression.
func (b *binder) grouping(fc *parse.FuncCall, ctx *ectx) (Expr, error) {
	if ctx.agg == nil {
		return nil, b.errf(fc.Pos, "grouping() is allowed only with GROUP BY, in the select list, HAVING and ORDER BY")
	}
	if len(fc.Args) == 0 || len(fc.Args) > 62 {
		return nil, b.errf(fc.Pos, "grouping() takes 1 to 62 arguments, not %d", len(fc.Args))
	}
	keys := make([]string, len(fc.Args))
	for i, a := range fc.Args {
		e, err := b.expr(a, &ectx{sc: ctx.sc})
		if err == nil {
			if _, ok := ctx.agg.groups[e.String()]; !ok {
				err = b.errf(a.Position(), "grouping() argument %s is not a GROUP BY expression", parse.Format(a))
			}
		}
		if err != nil {
			return nil, err
		}
		keys[i] = e.String()
	}
	mask := func(set []string) int64 {
		var m int64
		for i, k := range keys {
			found := false
			for _, s := range set {
				found = found || s == k
			}
			if !found {
				m |= 1 << (len(keys) - 1 - i)
			}
		}
		return m
	}
	if ctx.agg.sets == nil {
		return &Const{Value: int64(0), T: vec.TBigint}, nil
	}
	c := &CaseExpr{Else: &Const{T: vec.TBigint}, T: vec.TBigint}
	for k, set := range ctx.agg.sets {
		cond, err := b.call(fc.Pos, "$eq", []Expr{ctx.agg.set, &Const{Value: int64(k), T: vec.TBigint}})
		if err != nil {
			return nil, err
		}
		c.Whens = append(c.Whens, When{Cond: cond, Result: &Const{Value: mask(set), T: vec.TBigint}})
	}
	return c, nil
}

// namedWindows replaces, in the window calls of a select block, each
// reference to a window of its WINDOW clause (OVER w, OVER (w ORDER BY
// x)) by the window it names, extended as Trino allows: a reference adds
// no PARTITION BY, adds ORDER BY only to a window without one, and may
// set the frame of a window without one. A named window may refer to one
// named before it.
func (b *binder) namedWindows(sel *parse.Select, orderBy []*parse.OrderItem) error {
	named := map[string]*parse.Window{}
	extend := func(w *parse.Window) (*parse.Window, error) {
		if w.Base == nil {
			return w, nil
		}
		base, ok := named[nameKey(*w.Base)]
		if !ok {
			return nil, b.errf(w.Base.Pos, "window %s is not defined in the WINDOW clause", w.Base.Name)
		}
		out := *base
		out.Pos = w.Pos
		if len(w.PartitionBy) > 0 {
			return nil, b.errf(w.Pos, "a window that extends %s cannot have its own PARTITION BY", w.Base.Name)
		}
		if len(w.OrderBy) > 0 {
			if len(base.OrderBy) > 0 {
				return nil, b.errf(w.Pos, "window %s already has an ORDER BY", w.Base.Name)
			}
			out.OrderBy = w.OrderBy
		}
		if w.Frame != nil {
			if base.Frame != nil {
				return nil, b.errf(w.Pos, "window %s already has a frame", w.Base.Name)
			}
			out.Frame = w.Frame
		}
		return &out, nil
	}
	for _, nw := range sel.Windows {
		k := nameKey(nw.Name)
		if _, dup := named[k]; dup {
			return b.errf(nw.Name.Pos, "window %s is defined twice", nw.Name.Name)
		}
		w, err := extend(nw.Spec)
		if err != nil {
			return err
		}
		named[k] = w
	}
	var walk func(e parse.Expr) error
	walk = func(e parse.Expr) error {
		if fc, ok := e.(*parse.FuncCall); ok && fc.Over != nil && fc.Over.Base != nil {
			w, err := extend(fc.Over)
			if err != nil {
				return err
			}
			fc.Over = w
		}
		for _, c := range children(e) {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	exprs := []parse.Expr{sel.Having}
	for _, it := range sel.Items {
		if se, ok := it.(*parse.SelectExpr); ok {
			exprs = append(exprs, se.Expr)
		}
	}
	for _, o := range orderBy {
		exprs = append(exprs, o.Expr)
	}
	for _, e := range exprs {
		if e == nil {
			continue
		}
		if err := walk(e); err != nil {
			return err
		}
	}
	return nil
}

// distinctSets keeps the first of grouping sets with the same expressions
// (GROUP BY DISTINCT), in order.
func distinctSets(sets [][]int) [][]int {
	seen := map[string]bool{}
	var out [][]int
	for _, set := range sets {
		key := append([]int(nil), set...)
		slices.Sort(key)
		key = slices.Compact(key)
		k := fmt.Sprint(key)
		if !seen[k] {
			seen[k] = true
			out = append(out, set)
		}
	}
	return out
}
