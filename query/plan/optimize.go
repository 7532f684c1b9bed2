package plan

// Optimize rewrites a bound plan: filters move down to the scans (through
// projections, joins, unnests and groupings), equalities across a join
// become its keys, and every node computes only the columns some node
// above reads. The rewritten plan computes the same rows.
func Optimize(n Node) Node {
	n = pushDown(n, nil)
	required := map[int]bool{}
	for _, c := range n.Columns() {
		required[c.ID] = true
	}
	n = prune(n, required)
	pushLimit(n, -1)
	return n
}

func idsOf(cols []Column) map[int]bool {
	out := make(map[int]bool, len(cols))
	for _, c := range cols {
		out[c.ID] = true
	}
	return out
}

func wrap(n Node, preds []Expr) Node {
	if len(preds) == 0 {
		return n
	}
	return &Filter{Input: n, Cond: And(preds)}
}

func pushDown(n Node, preds []Expr) Node {
	switch n := n.(type) {
	case *Filter:
		// Its own conditions before those from above, which they may guard
		// (a CTE's WHERE before the WHERE of the query reading it).
		return pushDown(n.Input, append(Conjuncts(n.Cond), preds...))
	case *Scan:
		n.Filter = append(n.Filter, preds...)
		return n
	case *Project:
		sub := map[int]Expr{}
		for i, c := range n.Out {
			sub[c.ID] = n.Exprs[i]
		}
		var down, keep []Expr
		for _, p := range preds {
			if within(Refs(p), idsOf(n.Out)) {
				down = append(down, substitute(p, sub))
			} else {
				keep = append(keep, p)
			}
		}
		n.Input = pushDown(n.Input, down)
		return wrap(n, keep)
	case *Join:
		left, right := idsOf(n.Left.Columns()), idsOf(n.Right.Columns())
		var lp, rp, keep []Expr
		innerish := n.Kind == JoinInner || n.Kind == JoinCross
		for _, p := range preds {
			refs := Refs(p)
			switch {
			case within(refs, left) && (innerish || n.Kind == JoinLeft || n.Kind == JoinMark):
				lp = append(lp, p)
			case within(refs, right) && (innerish || n.Kind == JoinRight):
				rp = append(rp, p)
			case innerish:
				n.Residual = And(append(Conjuncts0(n.Residual), p))
			default:
				keep = append(keep, p)
			}
		}
		if n.Residual != nil {
			// ON terms of one side: for an inner join either side's; for
			// a left join the right side's (they only decide matches).
			var rest []Expr
			for _, c := range Conjuncts(n.Residual) {
				refs := Refs(c)
				switch {
				case innerish && within(refs, left):
					lp = append(lp, c)
				case (innerish || n.Kind == JoinLeft || n.Kind == JoinMark) && within(refs, right):
					rp = append(rp, c)
				default:
					rest = append(rest, c)
				}
			}
			n.Residual = And(rest)
			if innerish && n.Residual != nil {
				splitJoinCondition(n, n.Residual, left, right)
			}
		}
		if n.Kind == JoinCross && (len(n.LeftKeys) > 0 || n.Residual != nil) {
			n.Kind = JoinInner
		}
		n.Left = pushDown(n.Left, lp)
		n.Right = pushDown(n.Right, rp)
		return wrap(n, keep)
	case *Unnest:
		in := idsOf(n.Input.Columns())
		var down, keep []Expr
		for _, p := range preds {
			if within(Refs(p), in) && !n.Outer {
				down = append(down, p)
			} else {
				keep = append(keep, p)
			}
		}
		n.Input = pushDown(n.Input, down)
		return wrap(n, keep)
	case *Aggregate:
		sub := map[int]Expr{}
		for i, g := range n.Groups {
			sub[n.Out[i].ID] = g
		}
		groups := map[int]bool{}
		for i := range n.Groups {
			groups[n.Out[i].ID] = true
		}
		var down, keep []Expr
		for _, p := range preds {
			if refs := Refs(p); len(refs) > 0 && within(refs, groups) {
				down = append(down, substitute(p, sub))
			} else {
				keep = append(keep, p)
			}
		}
		n.Input = pushDown(n.Input, down)
		return wrap(n, keep)
	case *Expand:
		// Each output row is an input row with the set's values added:
		// a condition on the input's columns holds for all its copies.
		in := idsOf(n.Input.Columns())
		var down, keep []Expr
		for _, p := range preds {
			if within(Refs(p), in) {
				down = append(down, p)
			} else {
				keep = append(keep, p)
			}
		}
		n.Input = pushDown(n.Input, down)
		return wrap(n, keep)
	case *Sort:
		n.Input = pushDown(n.Input, preds)
		return n
	case *Distinct:
		n.Input = pushDown(n.Input, preds)
		return n
	case *Limit:
		n.Input = pushDown(n.Input, nil)
		return wrap(n, preds)
	case *Window:
		n.Input = pushDown(n.Input, nil)
		return wrap(n, preds)
	case *SetOp:
		n.Left = pushDown(n.Left, nil)
		n.Right = pushDown(n.Right, nil)
		return wrap(n, preds)
	}
	return wrap(n, preds)
}

// Conjuncts0 is Conjuncts, with nil for a nil expression.
func Conjuncts0(e Expr) []Expr {
	if e == nil {
		return nil
	}
	return Conjuncts(e)
}

func substitute(e Expr, sub map[int]Expr) Expr {
	return Rewrite(e, func(x Expr) Expr {
		if c, ok := x.(*ColRef); ok {
			if r, ok := sub[c.ID]; ok {
				return r
			}
		}
		return x
	})
}

func addRefs(set map[int]bool, es ...Expr) {
	for _, e := range es {
		if e == nil {
			continue
		}
		for id := range Refs(e) {
			set[id] = true
		}
	}
}

func union(a map[int]bool) map[int]bool {
	out := make(map[int]bool, len(a))
	for k := range a {
		out[k] = true
	}
	return out
}

// prune drops the columns no node above reads.
func prune(n Node, required map[int]bool) Node {
	switch n := n.(type) {
	case *Scan:
		need := union(required)
		addRefs(need, n.Filter...)
		var cols []Column
		var src []int
		for i, c := range n.Cols {
			if need[c.ID] {
				cols = append(cols, c)
				src = append(src, n.Source[i])
			}
		}
		n.Cols, n.Source = cols, src
	case *Values:
	case *Filter:
		need := union(required)
		addRefs(need, n.Cond)
		n.Input = prune(n.Input, need)
	case *Project:
		var exprs []Expr
		var out []Column
		need := map[int]bool{}
		for i, c := range n.Out {
			if required[c.ID] {
				exprs = append(exprs, n.Exprs[i])
				out = append(out, c)
				addRefs(need, n.Exprs[i])
			}
		}
		n.Exprs, n.Out = exprs, out
		n.Input = prune(n.Input, need)
	case *Aggregate:
		need := map[int]bool{}
		addRefs(need, n.Groups...)
		for _, a := range n.Aggs {
			addRefs(need, a.Args...)
			addRefs(need, a.Filter)
			for _, k := range a.OrderBy {
				addRefs(need, k.Expr)
			}
		}
		n.Input = prune(n.Input, need)
	case *Expand:
		need := union(required)
		for _, set := range n.Sets {
			addRefs(need, set...)
		}
		n.Input = prune(n.Input, need)
	case *Window:
		need := union(required)
		for _, f := range n.Funcs {
			addRefs(need, f.Args...)
			addRefs(need, f.PartitionBy...)
			for _, k := range f.OrderBy {
				addRefs(need, k.Expr)
			}
		}
		n.Input = prune(n.Input, need)
	case *Sort:
		need := union(required)
		for _, k := range n.Keys {
			addRefs(need, k.Expr)
		}
		n.Input = prune(n.Input, need)
	case *Limit:
		n.Input = prune(n.Input, required)
	case *Distinct:
		n.Input = prune(n.Input, idsOf(n.Input.Columns()))
	case *Join:
		need := union(required)
		addRefs(need, n.LeftKeys...)
		addRefs(need, n.RightKeys...)
		addRefs(need, n.Residual)
		n.Left = prune(n.Left, need)
		n.Right = prune(n.Right, need)
	case *Unnest:
		need := union(required)
		addRefs(need, n.Exprs...)
		n.Input = prune(n.Input, need)
	case *SetOp:
		n.Left = prune(n.Left, idsOf(n.Left.Columns()))
		n.Right = prune(n.Right, idsOf(n.Right.Columns()))
	}
	return n
}

// pushLimit tells scans how many rows their consumer needs when nothing
// between them can drop or reorder rows.
func pushLimit(n Node, limit int64) {
	switch n := n.(type) {
	case *Limit:
		l := int64(-1)
		if n.Count >= 0 {
			l = n.Offset + n.Count
		}
		pushLimit(n.Input, l)
	case *Project:
		pushLimit(n.Input, limit)
	case *Sort:
		if limit >= 0 && !n.Ties {
			n.Limit = limit // a top-N
		}
		pushLimit(n.Input, -1)
	case *Scan:
		if limit >= 0 && len(n.Filter) == 0 {
			n.Limit = limit
		}
	default:
		for _, in := range n.Inputs() {
			pushLimit(in, -1)
		}
	}
}
