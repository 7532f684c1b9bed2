package plan

import (
	"fmt"
	"strings"
)

// Format renders the plan as an indented tree, one node per line; note,
// when not nil, adds text after a node's line (EXPLAIN's figures).
func Format(n Node, note func(Node) string) string {
	var b strings.Builder
	var walk func(n Node, depth int)
	walk = func(n Node, depth int) {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString("- ")
		b.WriteString(describe(n))
		if note != nil {
			if s := note(n); s != "" {
				b.WriteString("\n" + strings.Repeat("  ", depth+1) + s)
			}
		}
		b.WriteByte('\n')
		for _, in := range n.Inputs() {
			walk(in, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

func exprList(es []Expr) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.String()
	}
	return strings.Join(s, ", ")
}

func colList(cs []Column) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = fmt.Sprintf("%s#%d", c.Name, c.ID)
	}
	return strings.Join(s, ", ")
}

func describe(n Node) string {
	switch n := n.(type) {
	case *Scan:
		s := fmt.Sprintf("Scan %s [%s]", n.Table.Name, colList(n.Cols))
		if len(n.Filter) > 0 {
			s += " filter: " + exprList(n.Filter)
		}
		if n.Limit >= 0 {
			s += fmt.Sprintf(" limit: %d", n.Limit)
		}
		return s
	case *Values:
		return fmt.Sprintf("Values %d rows [%s]", len(n.Rows), colList(n.Out))
	case *Filter:
		return "Filter " + n.Cond.String()
	case *Project:
		parts := make([]string, len(n.Exprs))
		for i, e := range n.Exprs {
			parts[i] = fmt.Sprintf("%s#%d := %s", n.Out[i].Name, n.Out[i].ID, e)
		}
		return "Project " + strings.Join(parts, ", ")
	case *Aggregate:
		aggs := make([]string, len(n.Aggs))
		for i, a := range n.Aggs {
			aggs[i] = fmt.Sprintf("%s#%d := %s(%s)", n.Out[len(n.Groups)+i].Name, n.Out[len(n.Groups)+i].ID, a.Fn.Name, exprList(a.Args))
			if a.Filter != nil {
				aggs[i] += " FILTER " + a.Filter.String()
			}
		}
		return fmt.Sprintf("Aggregate by [%s] %s", exprList(n.Groups), strings.Join(aggs, ", "))
	case *Expand:
		sets := make([]string, len(n.Sets))
		for i, set := range n.Sets {
			sets[i] = "(" + exprList(set) + ")"
		}
		return fmt.Sprintf("Expand [%s] sets %s", colList(n.Out), strings.Join(sets, ", "))
	case *Window:
		fs := make([]string, len(n.Funcs))
		for i, f := range n.Funcs {
			fs[i] = fmt.Sprintf("%s#%d := %s", n.Out[i].Name, n.Out[i].ID, f.text)
		}
		return "Window " + strings.Join(fs, ", ")
	case *Sort:
		ks := make([]string, len(n.Keys))
		for i, k := range n.Keys {
			ks[i] = k.Expr.String()
			if k.Desc {
				ks[i] += " DESC"
			}
			if k.NullsFirst {
				ks[i] += " NULLS FIRST"
			}
		}
		if n.Limit >= 0 && n.Ties {
			return fmt.Sprintf("TopN %d with ties by %s", n.Limit, strings.Join(ks, ", "))
		}
		if n.Limit >= 0 {
			return fmt.Sprintf("TopN %d by %s", n.Limit, strings.Join(ks, ", "))
		}
		return "Sort " + strings.Join(ks, ", ")
	case *Limit:
		if n.Count < 0 {
			return fmt.Sprintf("Offset %d", n.Offset)
		}
		return fmt.Sprintf("Limit %d offset %d", n.Count, n.Offset)
	case *Distinct:
		return "Distinct"
	case *Join:
		kind := map[JoinKind]string{JoinInner: "Inner", JoinLeft: "Left", JoinRight: "Right", JoinFull: "Full", JoinCross: "Cross", JoinMark: "Mark"}[n.Kind]
		s := kind + " HashJoin"
		if len(n.LeftKeys) > 0 {
			s += " on " + exprList(n.LeftKeys) + " = " + exprList(n.RightKeys)
		}
		if n.Residual != nil {
			s += " and " + n.Residual.String()
		}
		return s
	case *Unnest:
		return fmt.Sprintf("Unnest %s -> [%s]", exprList(n.Exprs), colList(n.Out))
	case *SetOp:
		all := ""
		if n.All {
			all = " ALL"
		}
		return n.Op + all
	}
	return fmt.Sprintf("%T", n)
}
