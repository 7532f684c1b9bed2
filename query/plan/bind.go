package plan

import (
	"fmt"
	"strings"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/vec"
)

// Bound is a statement's logical plan.
type Bound struct {
	Root    Node
	Names   []string // output column names, in order
	Ordered bool     // the output order is part of the answer
	// Subqueries are the uncorrelated subqueries the engine must run
	// first (innermost first); see SubqueryExpr.
	Subqueries []*SubqueryExpr
}

// Options parameterise binding.
type Options struct {
	// Tables are the tables queries may name; aliases maps other names
	// (cloudtrail) onto them.
	Tables  []*Table
	Aliases map[string]string
	// Ctx is the statement's function context (its clock), for folding
	// constant expressions.
	Ctx *fn.Ctx
}

type binder struct {
	src     string
	opt     Options
	nextID  int
	subs    []*SubqueryExpr
	ctes    []map[string]*cte
	ordered bool
	// outer holds the scopes of the queries around the subquery being
	// bound, innermost last (see correlated.go).
	outer []*outerScope
}

type cte struct {
	q    *parse.CTE
	ctes []map[string]*cte // visible at the definition
}

// Bind plans a query. src is the statement's text, for error positions.
func Bind(src string, q *parse.Query, opt Options) (*Bound, error) {
	b := &binder{src: src, opt: opt}
	n, names, err := b.query(q)
	if err != nil {
		return nil, err
	}
	return &Bound{Root: n, Names: names, Ordered: len(q.OrderBy) > 0, Subqueries: b.subs}, nil
}

func (b *binder) errf(p parse.Pos, format string, args ...any) error {
	return parse.NewError(b.src, p, format, args...)
}

func (b *binder) newCol(name string, t *vec.Type) Column {
	b.nextID++
	return Column{ID: b.nextID, Name: name, T: t}
}

func ref(c Column) *ColRef { return &ColRef{ID: c.ID, Name: c.Name, T: c.T} }

// query binds a full query: WITH, body, ORDER BY, OFFSET, LIMIT.
func (b *binder) query(q *parse.Query) (Node, []string, error) {
	if q.With != nil {
		m := map[string]*cte{}
		visible := append([]map[string]*cte(nil), b.ctes...)
		for _, c := range q.With.CTEs {
			name := nameKey(c.Name)
			m[name] = &cte{q: c, ctes: append(append([]map[string]*cte(nil), visible...), copyCTEs(m))}
		}
		b.ctes = append(b.ctes, m)
		defer func() { b.ctes = b.ctes[:len(b.ctes)-1] }()
	}
	var n Node
	var names []string
	var err error
	if sel, ok := q.Body.(*parse.Select); ok {
		n, names, err = b.selectBlock(sel, q.OrderBy)
	} else {
		n, names, err = b.body(q.Body)
		if err == nil && len(q.OrderBy) > 0 {
			n, err = b.orderByOutput(n, names, q.OrderBy)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if q.Limit != nil && q.Limit.Ties {
		// The sort outputs the first rows and their ties; the hidden sort
		// columns' projection, if any, stays above it.
		var s *Sort
		switch x := n.(type) {
		case *Sort:
			s = x
		case *Project:
			s, _ = x.Input.(*Sort)
		}
		if s == nil {
			return nil, nil, b.errf(q.Limit.Pos, "FETCH FIRST ... WITH TIES needs an ORDER BY")
		}
		var off int64
		if q.Offset != nil {
			off = q.Offset.Count
		}
		s.Limit, s.Ties = off+q.Limit.Count, true
		if q.Offset != nil {
			n = &Limit{Input: n, Offset: off, Count: -1}
		}
		return n, names, nil
	}
	if q.Offset != nil || (q.Limit != nil && !q.Limit.All) {
		l := &Limit{Input: n, Count: -1}
		if q.Offset != nil {
			l.Offset = q.Offset.Count
		}
		if q.Limit != nil && !q.Limit.All {
			l.Count = q.Limit.Count
		}
		n = l
	}
	return n, names, nil
}

func copyCTEs(m map[string]*cte) map[string]*cte {
	out := make(map[string]*cte, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// body binds a query body without ORDER BY.
func (b *binder) body(qb parse.QueryBody) (Node, []string, error) {
	switch qb := qb.(type) {
	case *parse.Select:
		return b.selectBlock(qb, nil)
	case *parse.Query:
		return b.query(qb)
	case *parse.Values:
		return b.values(qb)
	case *parse.SetOp:
		return b.setOp(qb)
	}
	return nil, nil, fmt.Errorf("%w: query body %T", ErrUnsupported, qb)
}

func (b *binder) values(v *parse.Values) (Node, []string, error) {
	empty := &scope{}
	var rows [][]Expr
	for _, r := range v.Rows {
		var items []parse.Expr
		if rc, ok := r.(*parse.RowCtor); ok {
			items = rc.Fields
		} else {
			items = []parse.Expr{r}
		}
		var row []Expr
		for _, it := range items {
			e, err := b.expr(it, &ectx{sc: empty})
			if err != nil {
				return nil, nil, err
			}
			row = append(row, e)
		}
		if len(rows) > 0 && len(row) != len(rows[0]) {
			return nil, nil, b.errf(r.Position(), "VALUES rows have different numbers of columns (%d and %d)", len(rows[0]), len(row))
		}
		rows = append(rows, row)
	}
	types := make([]*vec.Type, len(rows[0]))
	for j := range types {
		t := vec.TUnknown
		for _, r := range rows {
			var ok bool
			if t, ok = vec.Common(t, r[j].Type()); !ok {
				return nil, nil, b.errf(v.Pos, "VALUES column %d mixes %s and %s", j+1, t, r[j].Type())
			}
		}
		types[j] = t
	}
	out := &Values{}
	var names []string
	for j, t := range types {
		name := fmt.Sprintf("_col%d", j)
		out.Out = append(out.Out, b.newCol(name, t))
		names = append(names, name)
	}
	for _, r := range rows {
		cast := make([]Expr, len(r))
		for j, e := range r {
			var err error
			if cast[j], err = b.castTo(v.Pos, e, types[j]); err != nil {
				return nil, nil, err
			}
		}
		out.Rows = append(out.Rows, cast)
	}
	return out, names, nil
}

func (b *binder) setOp(s *parse.SetOp) (Node, []string, error) {
	l, lnames, err := b.body(s.Left)
	if err != nil {
		return nil, nil, err
	}
	r, _, err := b.body(s.Right)
	if err != nil {
		return nil, nil, err
	}
	lc, rc := l.Columns(), r.Columns()
	if len(lc) != len(rc) {
		return nil, nil, b.errf(s.Pos, "%s of queries with %d and %d columns", s.Op, len(lc), len(rc))
	}
	types := make([]*vec.Type, len(lc))
	for i := range lc {
		t, ok := vec.Common(lc[i].T, rc[i].T)
		if !ok {
			return nil, nil, b.errf(s.Pos, "%s column %d has types %s and %s", s.Op, i+1, lc[i].T, rc[i].T)
		}
		types[i] = t
	}
	conform := func(n Node) (Node, error) {
		cols := n.Columns()
		p := &Project{Input: n}
		for i, c := range cols {
			e, err := b.castTo(s.Pos, ref(c), types[i])
			if err != nil {
				return nil, err
			}
			p.Exprs = append(p.Exprs, e)
			p.Out = append(p.Out, b.newCol(c.Name, types[i]))
		}
		return p, nil
	}
	if l, err = conform(l); err != nil {
		return nil, nil, err
	}
	if r, err = conform(r); err != nil {
		return nil, nil, err
	}
	out := &SetOp{Left: l, Right: r, Op: s.Op.String(), All: s.All}
	for i, c := range lc {
		out.Out = append(out.Out, b.newCol(c.Name, types[i]))
	}
	return out, lnames, nil
}

// orderByOutput sorts a set operation's (or VALUES') output: items name
// output columns or are ordinals.
func (b *binder) orderByOutput(n Node, names []string, items []*parse.OrderItem) (Node, error) {
	cols := n.Columns()
	sc := &scope{rels: []*relation{{}}}
	for i, c := range cols {
		sc.rels[0].cols = append(sc.rels[0].cols, scopeCol{name: names[i], ref: ref(c)})
	}
	var keys []SortKey
	for _, it := range items {
		var e Expr
		if i, ok := ordinal(it.Expr); ok {
			if i < 1 || i > len(cols) {
				return nil, b.errf(it.Pos, "ORDER BY position %d is not in the select list (1..%d)", i, len(cols))
			}
			e = ref(cols[i-1])
		} else {
			var err error
			if e, err = b.expr(it.Expr, &ectx{sc: sc}); err != nil {
				return nil, err
			}
		}
		keys = append(keys, sortKey(e, it))
	}
	return &Sort{Input: n, Keys: keys, Limit: -1}, nil
}

func sortKey(e Expr, it *parse.OrderItem) SortKey {
	return SortKey{Expr: e, Desc: it.Desc, NullsFirst: it.Nulls == parse.NullsFirst}
}

func ordinal(e parse.Expr) (int, bool) {
	n, ok := e.(*parse.NumberLit)
	if !ok || n.Kind != parse.Integer {
		return 0, false
	}
	var i int
	if _, err := fmt.Sscan(n.Text, &i); err != nil {
		return 0, false
	}
	return i, true
}

// from binds a FROM list: comma items are cross joins.
func (b *binder) from(items []parse.Relation) (Node, *scope, error) {
	if len(items) == 0 {
		out := &Values{Rows: [][]Expr{{}}}
		return out, &scope{}, nil
	}
	n, sc, err := b.relation(items[0], nil, nil)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range items[1:] {
		if n, sc, err = b.relation(it, n, sc); err != nil {
			return nil, nil, err
		}
	}
	return n, sc, nil
}

// relation binds one FROM item. When left is not nil the item is joined
// to it by a cross join (a comma), or laterally for UNNEST.
func (b *binder) relation(r parse.Relation, left Node, lsc *scope) (Node, *scope, error) {
	if u, alias, cols, ok := unnestOf(r); ok && left != nil {
		return b.unnest(u, alias, cols, left, lsc)
	}
	n, sc, err := b.relation1(r)
	if err != nil {
		return nil, nil, err
	}
	if left == nil {
		return n, sc, nil
	}
	return &Join{Left: left, Right: n, Kind: JoinCross}, lsc.merge(sc), nil
}

func unnestOf(r parse.Relation) (*parse.Unnest, string, []parse.Ident, bool) {
	switch r := r.(type) {
	case *parse.Unnest:
		return r, "", nil, true
	case *parse.Aliased:
		if u, ok := r.Rel.(*parse.Unnest); ok {
			return u, nameKey(r.Alias), r.Columns, true
		}
	}
	return nil, "", nil, false
}

func (b *binder) relation1(r parse.Relation) (Node, *scope, error) {
	switch r := r.(type) {
	case *parse.Table:
		return b.table(r, "")
	case *parse.Aliased:
		if u, ok := r.Rel.(*parse.Unnest); ok {
			// As after a join: UNNEST(rows) AS t(r) names the whole row.
			one := &Values{Rows: [][]Expr{{}}}
			return b.unnest(u, nameKey(r.Alias), r.Columns, one, &scope{})
		}
		var n Node
		var sc *scope
		var err error
		if t, ok := r.Rel.(*parse.Table); ok {
			n, sc, err = b.table(t, nameKey(r.Alias))
		} else {
			n, sc, err = b.relation1(r.Rel)
		}
		if err != nil {
			return nil, nil, err
		}
		// One relation under the alias, with the columns renamed.
		rel := &relation{alias: nameKey(r.Alias)}
		for _, x := range sc.rels {
			rel.cols = append(rel.cols, x.cols...)
			if rel.table == nil {
				rel.table = x.table
			}
		}
		if len(r.Columns) > 0 {
			if len(r.Columns) != len(rel.cols) {
				return nil, nil, b.errf(r.Pos, "alias %s names %d columns, the relation has %d", r.Alias.Name, len(r.Columns), len(rel.cols))
			}
			for i := range rel.cols {
				rel.cols[i].name = nameKey(r.Columns[i])
			}
			rel.table = nil
		}
		return n, &scope{rels: []*relation{rel}}, nil
	case *parse.TableSubquery:
		n, names, err := b.query(r.Query)
		if err != nil {
			return nil, nil, err
		}
		return n, b.outputScope(n, names, ""), nil
	case *parse.Unnest:
		one := &Values{Rows: [][]Expr{{}}}
		return b.unnest(r, "", nil, one, &scope{})
	case *parse.Join:
		return b.join(r)
	case *parse.Sampled:
		return b.sampled(r)
	case *parse.Lateral:
		return nil, nil, b.errf(r.Pos, "LATERAL subqueries are %v", ErrUnsupported)
	}
	return nil, nil, fmt.Errorf("%w: relation %T", ErrUnsupported, r)
}

func (b *binder) outputScope(n Node, names []string, alias string) *scope {
	rel := &relation{alias: alias}
	for i, c := range n.Columns() {
		rel.cols = append(rel.cols, scopeCol{name: names[i], ref: ref(c)})
	}
	return &scope{rels: []*relation{rel}}
}

func (b *binder) table(t *parse.Table, alias string) (Node, *scope, error) {
	parts := t.Name.Parts
	name := nameKey(parts[len(parts)-1])
	if len(parts) == 1 {
		for i := len(b.ctes) - 1; i >= 0; i-- {
			if c, ok := b.ctes[i][name]; ok {
				return b.cteRef(c, alias, t.Pos)
			}
		}
	}
	if alias == "" {
		alias = name
	}
	full := name
	if a, ok := b.opt.Aliases[name]; ok {
		full = a
	}
	for _, tab := range b.opt.Tables {
		if tab.Name == full {
			scan := &Scan{Table: tab, Limit: -1}
			rel := &relation{alias: alias, table: tab}
			for i, c := range tab.Columns {
				col := b.newCol(c.Name, c.T)
				scan.Cols = append(scan.Cols, col)
				scan.Source = append(scan.Source, i)
				rel.cols = append(rel.cols, scopeCol{name: c.Name, ref: ref(col)})
			}
			return scan, &scope{rels: []*relation{rel}}, nil
		}
	}
	var names []string
	for _, tab := range b.opt.Tables {
		names = append(names, tab.Name)
	}
	for a := range b.opt.Aliases {
		names = append(names, a)
	}
	return nil, nil, b.errf(t.Pos, "table %s does not exist%s", t.Name.Canonical(), didYouMean(name, names))
}

func (b *binder) cteRef(c *cte, alias string, p parse.Pos) (Node, *scope, error) {
	// A WITH query sees the queries it was defined beside, and no
	// enclosing query's columns (it is not correlated).
	saved, outer := b.ctes, b.outer
	b.ctes, b.outer = c.ctes, nil
	n, names, err := b.query(c.q.Query)
	b.ctes, b.outer = saved, outer
	if err != nil {
		return nil, nil, err
	}
	if len(c.q.Columns) > 0 {
		if len(c.q.Columns) != len(names) {
			return nil, nil, b.errf(p, "WITH %s names %d columns, its query has %d", c.q.Name.Name, len(c.q.Columns), len(names))
		}
		names = make([]string, len(c.q.Columns))
		for i, id := range c.q.Columns {
			names[i] = nameKey(id)
		}
	}
	if alias == "" {
		alias = nameKey(c.q.Name)
	}
	return n, b.outputScope(n, names, alias), nil
}

func (b *binder) unnest(u *parse.Unnest, alias string, colNames []parse.Ident, left Node, lsc *scope) (Node, *scope, error) {
	out := &Unnest{Input: left, Ordinality: u.Ordinality}
	rel := &relation{alias: alias}
	var names []string
	for _, id := range colNames {
		names = append(names, nameKey(id))
	}
	// A row-typed element expands into its fields, unless the alias list
	// gives it one name (Athena's UNNEST(resources) AS t(r)).
	var planned []Column
	k := 0
	nameOf := func(def string) string {
		if k < len(names) {
			def = names[k]
		}
		k++
		return def
	}
	single := len(u.Exprs) == 1 && len(names) == 1+boolInt(u.Ordinality)
	for i, pe := range u.Exprs {
		e, err := b.expr(pe, &ectx{sc: lsc})
		if err != nil {
			return nil, nil, err
		}
		t := e.Type()
		if t.Kind != vec.Array {
			return nil, nil, b.errf(pe.Position(), "UNNEST needs an array, not %s", t)
		}
		out.Exprs = append(out.Exprs, e)
		expand := t.Elem.Kind == vec.Row && !single
		out.Expand = append(out.Expand, expand)
		if expand {
			for _, f := range t.Elem.Fields {
				planned = append(planned, b.newCol(nameOf(f.Name), f.Type))
			}
		} else {
			planned = append(planned, b.newCol(nameOf(fmt.Sprintf("_col%d", i)), t.Elem))
		}
	}
	if u.Ordinality {
		planned = append(planned, b.newCol(nameOf("ordinality"), vec.TBigint))
	}
	if len(names) > 0 && k != len(names) {
		return nil, nil, b.errf(u.Pos, "UNNEST alias names %d columns, it produces %d", len(names), k)
	}
	out.Out = planned
	for _, c := range planned {
		rel.cols = append(rel.cols, scopeCol{name: c.Name, ref: ref(c)})
	}
	return out, lsc.merge(&scope{rels: []*relation{rel}}), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (b *binder) join(j *parse.Join) (Node, *scope, error) {
	left, lsc, err := b.relation1(j.Left)
	if err != nil {
		return nil, nil, err
	}
	if u, alias, cols, ok := unnestOf(j.Right); ok {
		if j.Type != parse.CrossJoin && j.Type != parse.InnerJoin && j.Type != parse.LeftJoin {
			return nil, nil, b.errf(j.Pos, "%s UNNEST is %v", j.Type, ErrUnsupported)
		}
		n, sc, err := b.unnest(u, alias, cols, left, lsc)
		if err != nil {
			return nil, nil, err
		}
		if j.Type == parse.LeftJoin {
			n.(*Unnest).Outer = true
			if j.On != nil {
				if c, ok := j.On.(*parse.BoolLit); !ok || !c.Value {
					return nil, nil, b.errf(j.On.Position(), "LEFT JOIN UNNEST takes ON TRUE only")
				}
			}
			return n, sc, nil
		}
		if j.On != nil {
			cond, err := b.expr(j.On, &ectx{sc: sc})
			if err != nil {
				return nil, nil, err
			}
			n = &Filter{Input: n, Cond: cond}
		}
		return n, sc, nil
	}
	right, rsc, err := b.relation1(j.Right)
	if err != nil {
		return nil, nil, err
	}
	sc := lsc.merge(rsc)
	kind := map[parse.JoinType]JoinKind{parse.CrossJoin: JoinCross, parse.InnerJoin: JoinInner, parse.LeftJoin: JoinLeft,
		parse.RightJoin: JoinRight, parse.FullJoin: JoinFull}[j.Type]
	out := &Join{Left: left, Right: right, Kind: kind}
	var cond Expr
	switch {
	case j.On != nil:
		if cond, err = b.expr(j.On, &ectx{sc: sc}); err != nil {
			return nil, nil, err
		}
		if cond, err = b.castTo(j.On.Position(), cond, vec.TBoolean); err != nil {
			return nil, nil, err
		}
	case len(j.Using) > 0:
		var terms []Expr
		sc = &scope{rels: sc.rels, using: map[string]Expr{}}
		for _, x := range []*scope{lsc, rsc} {
			for _, name := range x.usingOrder {
				sc.addUsing(name, x.using[name])
			}
		}
		for _, id := range j.Using {
			name := nameKey(id)
			var l, r Expr
			for _, rel := range lsc.rels {
				if refs := rel.find(name); len(refs) > 0 {
					l = refs[0]
				}
			}
			for _, rel := range rsc.rels {
				if refs := rel.find(name); len(refs) > 0 {
					r = refs[0]
				}
			}
			// A side that is itself a join USING this name: its merged column.
			if u, ok := lsc.using[name]; ok {
				l = u
			}
			if u, ok := rsc.using[name]; ok {
				r = u
			}
			if l == nil || r == nil {
				return nil, nil, b.errf(id.Pos, "USING column %s is not on both sides of the join", id.Name)
			}
			eq, err := b.call(id.Pos, "$eq", []Expr{l, r})
			if err != nil {
				return nil, nil, err
			}
			terms = append(terms, eq)
			merged := l
			switch kind {
			case JoinRight:
				merged = r
			case JoinFull:
				if merged, err = b.call(id.Pos, "coalesce", []Expr{l, r}); err != nil {
					return nil, nil, err
				}
			}
			sc.addUsing(name, merged)
		}
		cond = And(terms)
	}
	if cond != nil {
		splitJoinCondition(out, cond, lsc.ids(), rsc.ids())
	}
	return out, sc, nil
}

// splitJoinCondition moves equalities between the two sides into keys.
func splitJoinCondition(j *Join, cond Expr, left, right map[int]bool) {
	var rest []Expr
	for _, c := range Conjuncts(cond) {
		if call, ok := c.(*Call); ok && call.Fn.Name == "$eq" {
			a, b := call.Args[0], call.Args[1]
			switch {
			case within(Refs(a), left) && within(Refs(b), right) && len(Refs(a)) > 0 && len(Refs(b)) > 0:
				j.LeftKeys, j.RightKeys = append(j.LeftKeys, a), append(j.RightKeys, b)
				continue
			case within(Refs(b), left) && within(Refs(a), right) && len(Refs(a)) > 0 && len(Refs(b)) > 0:
				j.LeftKeys, j.RightKeys = append(j.LeftKeys, b), append(j.RightKeys, a)
				continue
			}
		}
		rest = append(rest, c)
	}
	j.Residual = And(rest)
	if j.Kind == JoinCross && (len(j.LeftKeys) > 0 || j.Residual != nil) {
		j.Kind = JoinInner
	}
}

func within(ids, set map[int]bool) bool {
	for id := range ids {
		if !set[id] {
			return false
		}
	}
	return true
}

// outputName is the column name Trino gives a select item.
func outputName(e parse.Expr, i int) string {
	switch e := e.(type) {
	case *parse.ColumnRef:
		return nameKey(e.Parts[len(e.Parts)-1])
	case *parse.Dereference:
		return nameKey(e.Field)
	}
	return fmt.Sprintf("_col%d", i)
}

func lowerName(q parse.QualifiedName) string { return strings.ToLower(q.Canonical()) }

// sampled binds rel TABLESAMPLE BERNOULLI | SYSTEM (p): a filter keeping
// each row with chance p percent (SYSTEM, which may keep whole blocks in
// Trino, samples rows too), p a constant from 0 to 100.
func (b *binder) sampled(r *parse.Sampled) (Node, *scope, error) {
	n, sc, err := b.relation1(r.Rel)
	if err != nil {
		return nil, nil, err
	}
	pct, err := b.expr(r.Percent, &ectx{sc: &scope{}})
	if err != nil {
		return nil, nil, err
	}
	v, ok := -1.0, false
	if c, isConst := b.fold(pct).(*Const); isConst {
		switch x := c.Value.(type) {
		case int64:
			v, ok = float64(x), true
		case float64:
			v, ok = x, true
		}
	}
	if !ok || v < 0 || v > 100 {
		return nil, nil, b.errf(r.Pos, "TABLESAMPLE takes a constant percentage from 0 to 100")
	}
	rnd, err := b.call(r.Pos, "random", nil)
	if err != nil {
		return nil, nil, err
	}
	cond, err := b.call(r.Pos, "$lt", []Expr{rnd, &Const{T: vec.TDouble, Value: v / 100}})
	if err != nil {
		return nil, nil, err
	}
	return &Filter{Input: n, Cond: cond}, sc, nil
}
