package plan

// RewriteExprs replaces, in place, every expression of every node of the
// tree under n with f applied bottom-up to it (see Rewrite).
func RewriteExprs(n Node, f func(Expr) Expr) {
	rewriteNode(n, f)
	for _, in := range n.Inputs() {
		RewriteExprs(in, f)
	}
}

// rewriteNode is RewriteExprs for the expressions of n alone.
func rewriteNode(n Node, f func(Expr) Expr) {
	rw := func(e Expr) Expr {
		if e == nil {
			return nil
		}
		return Rewrite(e, f)
	}
	all := func(es []Expr) {
		for i := range es {
			es[i] = rw(es[i])
		}
	}
	switch n := n.(type) {
	case *Scan:
		all(n.Filter)
	case *Values:
		for _, r := range n.Rows {
			all(r)
		}
	case *Filter:
		n.Cond = rw(n.Cond)
	case *Project:
		all(n.Exprs)
	case *Aggregate:
		all(n.Groups)
		for i := range n.Aggs {
			all(n.Aggs[i].Args)
			n.Aggs[i].Filter = rw(n.Aggs[i].Filter)
			for j := range n.Aggs[i].OrderBy {
				n.Aggs[i].OrderBy[j].Expr = rw(n.Aggs[i].OrderBy[j].Expr)
			}
		}
	case *Expand:
		for _, set := range n.Sets {
			all(set)
		}
	case *Window:
		for i := range n.Funcs {
			all(n.Funcs[i].Args)
			all(n.Funcs[i].PartitionBy)
			for j := range n.Funcs[i].OrderBy {
				n.Funcs[i].OrderBy[j].Expr = rw(n.Funcs[i].OrderBy[j].Expr)
			}
		}
	case *Sort:
		for i := range n.Keys {
			n.Keys[i].Expr = rw(n.Keys[i].Expr)
		}
	case *Join:
		all(n.LeftKeys)
		all(n.RightKeys)
		n.Residual = rw(n.Residual)
	case *Unnest:
		all(n.Exprs)
	}
}
