package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/vec"
)

// relation is one FROM item as names see it.
type relation struct {
	alias string // "" for none
	cols  []scopeCol
	table *Table // set for a lake table, for its virtual columns
}

// scopeCol is a name visible in a scope.
type scopeCol struct {
	name string
	ref  *ColRef
}

// scope is the set of relations a clause may name.
type scope struct {
	rels []*relation
	// using holds the columns of JOIN ... USING, by name: an unqualified
	// name reads the one merged column (the left side's, the right's for a
	// right join, coalesce of both for a full join), not either side's.
	using      map[string]Expr
	usingOrder []string // the names in the order * shows them
}

func (s *scope) merge(t *scope) *scope {
	m := &scope{rels: append(append([]*relation(nil), s.rels...), t.rels...)}
	for _, x := range []*scope{s, t} {
		for _, name := range x.usingOrder {
			m.addUsing(name, x.using[name])
		}
	}
	return m
}

func (s *scope) addUsing(name string, e Expr) {
	if s.using == nil {
		s.using = map[string]Expr{}
	}
	if _, dup := s.using[name]; !dup {
		s.usingOrder = append(s.usingOrder, name)
	}
	s.using[name] = e
}

// ids returns the IDs of every column in the scope.
func (s *scope) ids() map[int]bool {
	out := map[int]bool{}
	for _, r := range s.rels {
		for _, c := range r.cols {
			out[c.ref.ID] = true
		}
	}
	return out
}

func (r *relation) find(name string) []*ColRef {
	var out []*ColRef
	for _, c := range r.cols {
		if c.name == name {
			out = append(out, c.ref)
		}
	}
	return out
}

// virtual builds r's virtual column name, or nil.
func (r *relation) virtual(name string) (Expr, error) {
	if r.table == nil {
		return nil, nil
	}
	for _, v := range r.table.Virtual {
		if v.Name != name {
			continue
		}
		leaf := func(col string) (Expr, error) {
			refs := r.find(col)
			if len(refs) != 1 {
				return nil, fmt.Errorf("virtual column %s: stored column %s is not in scope", name, col)
			}
			return refs[0], nil
		}
		if v.Zip {
			args := make([]Expr, len(v.Leaves))
			names := make([]string, len(v.Leaves))
			elems := make([]*vec.Type, len(v.Leaves))
			for i, l := range v.Leaves {
				e, err := leaf(l)
				if err != nil {
					return nil, err
				}
				args[i] = e
				names[i] = v.T.Elem.Fields[i].Name
				elems[i] = e.Type().Elem
			}
			return &Call{Fn: fn.ZipRows(names, elems), Args: args}, nil
		}
		i := 0
		var build func(t *vec.Type) (Expr, error)
		build = func(t *vec.Type) (Expr, error) {
			if t.Kind != vec.Row {
				e, err := leaf(v.Leaves[i])
				i++
				return e, err
			}
			args := make([]Expr, len(t.Fields))
			for j, f := range t.Fields {
				e, err := build(f.Type)
				if err != nil {
					return nil, err
				}
				args[j] = e
			}
			return &Call{Fn: fn.MakeRow(t), Args: args}, nil
		}
		return build(v.T)
	}
	return nil, nil
}

// lookup finds a column (stored, or virtual) named name in r.
func (r *relation) lookup(name string) (Expr, int, error) {
	refs := r.find(name)
	if len(refs) > 0 {
		return refs[0], len(refs), nil
	}
	e, err := r.virtual(name)
	if e != nil || err != nil {
		return e, 1, err
	}
	return nil, 0, nil
}

// resolve binds a dotted name. A prefix of the parts names a relation
// (optional), then the longest run of parts that, joined by "_", names a
// column (Athena's useridentity.arn is the lake's useridentity_arn), then
// fields of row values.
func (b *binder) resolve(s *scope, ref *parse.ColumnRef) (Expr, error) {
	parts := make([]string, len(ref.Parts))
	for i, p := range ref.Parts {
		parts[i] = nameKey(p)
	}
	try := func(rels []*relation, rest []string) (Expr, []string, error) {
		for k := len(rest); k >= 1; k-- {
			name := strings.Join(rest[:k], "_")
			var found Expr
			count := 0
			for _, r := range rels {
				e, n, err := r.lookup(name)
				if err != nil {
					return nil, nil, err
				}
				if e != nil {
					found = e
					count += n
				}
			}
			if count > 1 {
				return nil, nil, b.errf(ref.Pos, "column %s is ambiguous", strings.Join(rest[:k], "."))
			}
			if found != nil {
				return found, rest[k:], nil
			}
		}
		return nil, nil, nil
	}
	// in looks the name up in one scope: a JOIN ... USING column, then a
	// relation's alias and its column, then a column of any relation.
	in := func(s *scope) (Expr, []string, error) {
		if u, ok := s.using[parts[0]]; ok && !s.isAlias(parts[0]) {
			return u, parts[1:], nil
		}
		if len(parts) > 1 {
			var rels []*relation
			for _, r := range s.rels {
				if r.alias == parts[0] {
					rels = append(rels, r)
				}
			}
			if len(rels) > 0 {
				if e, rest, err := try(rels, parts[1:]); e != nil || err != nil {
					return e, rest, err
				}
			}
		}
		return try(s.rels, parts)
	}
	e, rest, err := in(s)
	if err != nil {
		return nil, err
	}
	if e == nil {
		// A column of an enclosing query: the subquery is correlated.
		for i := len(b.outer) - 1; i >= 0 && e == nil && !b.outer[i].block; i-- {
			o := &scope{}
			if b.outer[i].sc != nil {
				o = b.outer[i].sc
			}
			if e, rest, err = in(o); err != nil {
				return nil, err
			}
			if e != nil {
				if i != len(b.outer)-1 {
					return nil, b.errf(ref.Pos, "column %s is of a query two or more levels out: a subquery may refer only to the query right around it", strings.Join(parts, "."))
				}
				b.outer[i].used = true
			}
		}
	}
	if e == nil {
		return nil, b.errf(ref.Pos, "column %s cannot be resolved%s", strings.Join(parts, "."), didYouMean(strings.Join(parts, "_"), s.names()))
	}
	label := strings.Join(parts[:len(parts)-len(rest)], ".")
	for _, f := range rest {
		if e, err = b.field(ref.Pos, e, f, label); err != nil {
			return nil, err
		}
		label += "." + f
	}
	return e, nil
}

// field reads field name of a row value; label names the value in
// messages.
func (b *binder) field(p parse.Pos, e Expr, name, label string) (Expr, error) {
	t := e.Type()
	if t.Kind != vec.Row {
		return nil, b.errf(p, "%s is %s, not a row: it has no field %s", label, t, name)
	}
	i := t.Field(name)
	if i < 0 {
		names := make([]string, len(t.Fields))
		for j, f := range t.Fields {
			names[j] = f.Name
		}
		return nil, b.errf(p, "%s has no field %s%s", label, name, didYouMean(name, names))
	}
	if c, ok := e.(*Call); ok && c.Fn.Name == "$row" {
		return c.Args[i], nil
	}
	return &Call{Fn: fn.RowField(t, i), Args: []Expr{e}}, nil
}

func (s *scope) names() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range s.rels {
		for _, c := range r.cols {
			if !seen[c.name] {
				seen[c.name] = true
				out = append(out, c.name)
			}
		}
		if r.table != nil {
			for _, v := range r.table.Virtual {
				if !seen[v.Name] {
					seen[v.Name] = true
					out = append(out, v.Name)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// nameKey is the form names resolve by: Trino folds column, field and
// table names to lower case, quoted or not.
func nameKey(id parse.Ident) string { return strings.ToLower(id.Name) }

// isAlias reports whether name is a relation's alias in s.
func (s *scope) isAlias(name string) bool {
	for _, r := range s.rels {
		if r.alias == name {
			return true
		}
	}
	return false
}

// shadowed is ctx with own's columns in front of its scope: own's column
// names (and alias, if it has one) hide those of the relations around it,
// as a lambda's parameter or a subquery's UNNEST alias hide the outer
// query's.
func shadowed(ctx *ectx, own *relation) *ectx {
	hidden := map[string]bool{}
	for _, c := range own.cols {
		hidden[c.name] = true
	}
	rels := []*relation{own}
	for _, r := range ctx.sc.rels {
		if own.alias != "" && r.alias == own.alias {
			continue
		}
		cp := &relation{alias: r.alias, table: r.table}
		for _, c := range r.cols {
			if !hidden[c.name] {
				cp.cols = append(cp.cols, c)
			}
		}
		rels = append(rels, cp)
	}
	return &ectx{sc: &scope{rels: rels}, agg: ctx.agg, win: ctx.win}
}
