package plan

import (
	"fmt"
	"strings"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/vec"
)

// Expr is a bound, typed scalar expression.
type Expr interface {
	Type() *vec.Type
	// String is a canonical rendering: two expressions that compute the
	// same thing over the same columns render the same.
	String() string
}

// ColRef reads a column by ID.
type ColRef struct {
	ID   int
	Name string
	T    *vec.Type
}

// Const is a literal value (nil is NULL), boxed as vec.Vector.Get returns.
type Const struct {
	Value any
	T     *vec.Type
}

// Call applies a resolved scalar function (operators and casts included).
type Call struct {
	Fn   *fn.Scalar
	Args []Expr
}

// Logic is AND or OR of its arguments, with SQL's three-valued logic.
type Logic struct {
	Or   bool
	Args []Expr
}

// IsNullExpr is arg IS [NOT] NULL.
type IsNullExpr struct {
	Arg Expr
	Not bool
}

// InExpr is arg [NOT] IN (values...), with constant values of arg's type.
type InExpr struct {
	Arg    Expr
	Values []any
	Not    bool
	// HasNull is set when the list holds a NULL (then a miss is NULL, not
	// false).
	HasNull bool
}

// CaseExpr is a searched CASE; Else is never nil (a NULL Const when
// absent).
type CaseExpr struct {
	Whens []When
	Else  Expr
	T     *vec.Type
}

// When is one arm of a CaseExpr.
type When struct {
	Cond, Result Expr
}

// SubqueryExpr is a value computed by an uncorrelated subquery, which the
// engine runs before the statement and replaces by constants: Scalar (one
// column, at most one row), In (arg [NOT] IN the query's column) or Exists.
type SubqueryExpr struct {
	Kind SubqueryKind
	Plan Node
	Arg  Expr // In only
	Not  bool
	T    *vec.Type
	id   int
}

// SubqueryKind is what a SubqueryExpr computes.
type SubqueryKind uint8

const (
	ScalarSubquery SubqueryKind = iota + 1
	InSubquery
	ExistsSubquery
)

func (e *ColRef) Type() *vec.Type       { return e.T }
func (e *Const) Type() *vec.Type        { return e.T }
func (e *Call) Type() *vec.Type         { return e.Fn.Ret }
func (e *Logic) Type() *vec.Type        { return vec.TBoolean }
func (e *IsNullExpr) Type() *vec.Type   { return vec.TBoolean }
func (e *InExpr) Type() *vec.Type       { return vec.TBoolean }
func (e *CaseExpr) Type() *vec.Type     { return e.T }
func (e *SubqueryExpr) Type() *vec.Type { return e.T }

func (e *ColRef) String() string { return fmt.Sprintf("%s#%d", e.Name, e.ID) }
func (e *Const) String() string {
	if e.Value == nil {
		return "NULL"
	}
	if e.T.Stringy() {
		return "'" + strings.ReplaceAll(e.Value.(string), "'", "''") + "'"
	}
	if e.T.Kind == vec.Timestamp || e.T.Kind == vec.Date {
		return e.T.String() + " '" + fn.FormatValue(e.Value, e.T) + "'"
	}
	return fn.FormatValue(e.Value, e.T)
}
func (e *Call) String() string {
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = a.String()
	}
	name := e.Fn.Name
	if name == "$cast" || name == "$try_cast" {
		return fmt.Sprintf("%s(%s AS %s)", strings.ToUpper(name[1:]), args[0], e.Fn.Ret)
	}
	if name == "$field" && len(args) == 1 {
		return args[0] + e.Fn.Param
	}
	if op, ok := opSymbols[name]; ok && len(args) == 2 {
		return "(" + args[0] + " " + op + " " + args[1] + ")"
	}
	return name + e.Fn.Param + "(" + strings.Join(args, ", ") + ")"
}

var opSymbols = map[string]string{
	"$eq": "=", "$ne": "<>", "$lt": "<", "$le": "<=", "$gt": ">", "$ge": ">=",
	"$add": "+", "$sub": "-", "$mul": "*", "$div": "/", "$mod": "%", "$concat": "||",
	"$like": "LIKE", "$distinct": "IS DISTINCT FROM",
}

func (e *Logic) String() string {
	op := " AND "
	if e.Or {
		op = " OR "
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = a.String()
	}
	return "(" + strings.Join(args, op) + ")"
}
func (e *IsNullExpr) String() string {
	if e.Not {
		return "(" + e.Arg.String() + " IS NOT NULL)"
	}
	return "(" + e.Arg.String() + " IS NULL)"
}
func (e *InExpr) String() string {
	vs := make([]string, len(e.Values))
	for i, v := range e.Values {
		vs[i] = (&Const{Value: v, T: e.Arg.Type()}).String()
	}
	not := ""
	if e.Not {
		not = "NOT "
	}
	return "(" + e.Arg.String() + " " + not + "IN (" + strings.Join(vs, ", ") + "))"
}
func (e *CaseExpr) String() string {
	var b strings.Builder
	b.WriteString("CASE")
	for _, w := range e.Whens {
		b.WriteString(" WHEN " + w.Cond.String() + " THEN " + w.Result.String())
	}
	b.WriteString(" ELSE " + e.Else.String() + " END")
	return b.String()
}

// ID identifies the subquery within its statement (copies made by
// Rewrite keep it).
func (e *SubqueryExpr) ID() int { return e.id }

func (e *SubqueryExpr) String() string {
	switch e.Kind {
	case InSubquery:
		not := ""
		if e.Not {
			not = "NOT "
		}
		return fmt.Sprintf("(%s %sIN subquery#%d)", e.Arg, not, e.id)
	case ExistsSubquery:
		return fmt.Sprintf("EXISTS(subquery#%d)", e.id)
	}
	return fmt.Sprintf("subquery#%d", e.id)
}

// ArrayLambda applies a one-parameter lambda to each element of an array:
// Fn is transform (the array of Body's values), filter (the elements for
// which Body is true), or any_match, all_match, none_match (whether Body
// is true for some, every, no element; NULL when an element gives NULL
// and no element decides, as in Trino). A NULL array gives NULL. Body reads
// Param, the element, and may read the row's other columns.
type ArrayLambda struct {
	Fn    string
	Arr   Expr
	Param *ColRef
	Body  Expr
	T     *vec.Type
}

func (e *ArrayLambda) Type() *vec.Type { return e.T }

// String names the parameter by its name and the number of lambdas in the
// body (an inner lambda's parameter never gets an outer one's name), not
// by its column ID, new at each binding: the same lambda written twice (in
// GROUP BY and in the select list) renders the same.
func (e *ArrayLambda) String() string {
	inner := 0
	Walk(e.Body, func(x Expr) {
		if _, ok := x.(*ArrayLambda); ok {
			inner++
		}
	})
	p := &lambdaParam{name: fmt.Sprintf("%s#λ%d", e.Param.Name, inner), t: e.Param.T}
	body := Rewrite(e.Body, func(x Expr) Expr {
		if c, ok := x.(*ColRef); ok && c.ID == e.Param.ID {
			return p
		}
		return x
	})
	return e.Fn + "(" + e.Arr.String() + ", " + p.name + " -> " + body.String() + ")"
}

// lambdaParam stands for a lambda's parameter in ArrayLambda.String only.
type lambdaParam struct {
	name string
	t    *vec.Type
}

func (p *lambdaParam) Type() *vec.Type { return p.t }
func (p *lambdaParam) String() string  { return p.name }

// Walk calls f for e and every expression below it, parents first.
func Walk(e Expr, f func(Expr)) {
	f(e)
	switch e := e.(type) {
	case *Call:
		for _, a := range e.Args {
			Walk(a, f)
		}
	case *Logic:
		for _, a := range e.Args {
			Walk(a, f)
		}
	case *IsNullExpr:
		Walk(e.Arg, f)
	case *InExpr:
		Walk(e.Arg, f)
	case *CaseExpr:
		for _, w := range e.Whens {
			Walk(w.Cond, f)
			Walk(w.Result, f)
		}
		Walk(e.Else, f)
	case *SubqueryExpr:
		if e.Arg != nil {
			Walk(e.Arg, f)
		}
	case *ArrayLambda:
		Walk(e.Arr, f)
		Walk(e.Body, f)
	}
}

// Rewrite rebuilds e bottom-up, replacing each node by f's result.
func Rewrite(e Expr, f func(Expr) Expr) Expr {
	switch x := e.(type) {
	case *Call:
		args := make([]Expr, len(x.Args))
		for i, a := range x.Args {
			args[i] = Rewrite(a, f)
		}
		e = &Call{Fn: x.Fn, Args: args}
	case *Logic:
		args := make([]Expr, len(x.Args))
		for i, a := range x.Args {
			args[i] = Rewrite(a, f)
		}
		e = &Logic{Or: x.Or, Args: args}
	case *IsNullExpr:
		e = &IsNullExpr{Arg: Rewrite(x.Arg, f), Not: x.Not}
	case *InExpr:
		cp := *x
		cp.Arg = Rewrite(x.Arg, f)
		e = &cp
	case *CaseExpr:
		ws := make([]When, len(x.Whens))
		for i, w := range x.Whens {
			ws[i] = When{Cond: Rewrite(w.Cond, f), Result: Rewrite(w.Result, f)}
		}
		e = &CaseExpr{Whens: ws, Else: Rewrite(x.Else, f), T: x.T}
	case *SubqueryExpr:
		if x.Arg != nil {
			cp := *x
			cp.Arg = Rewrite(x.Arg, f)
			e = &cp
		}
	case *ArrayLambda:
		cp := *x
		cp.Arr, cp.Body = Rewrite(x.Arr, f), Rewrite(x.Body, f)
		e = &cp
	}
	return f(e)
}

// Refs returns the IDs of the input columns e reads (a lambda's parameter
// is not one).
func Refs(e Expr) map[int]bool {
	out := map[int]bool{}
	var params []int
	Walk(e, func(x Expr) {
		switch x := x.(type) {
		case *ColRef:
			out[x.ID] = true
		case *ArrayLambda:
			params = append(params, x.Param.ID)
		}
	})
	for _, id := range params {
		delete(out, id)
	}
	return out
}

// Conjuncts splits e into the terms of its top-level ANDs.
func Conjuncts(e Expr) []Expr {
	if l, ok := e.(*Logic); ok && !l.Or {
		var out []Expr
		for _, a := range l.Args {
			out = append(out, Conjuncts(a)...)
		}
		return out
	}
	return []Expr{e}
}

// And joins conjuncts back into one expression (nil for none).
func And(es []Expr) Expr {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return &Logic{Args: es}
}
