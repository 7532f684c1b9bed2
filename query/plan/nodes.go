package plan

import (
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/vec"
)

// Column is one output column of a node.
type Column struct {
	ID   int
	Name string
	T    *vec.Type
}

// Node is a logical plan node. Columns are its outputs, in order.
type Node interface {
	Columns() []Column
	Inputs() []Node
}

// Scan reads a lake table. Cols are the columns it outputs, each taken from
// Table.Columns[Source[i]]. Filter holds conjuncts over Cols that the scan
// applies to every row (and uses to skip partitions and row groups); Limit,
// when >= 0, is how many rows the consumer needs at most (set only when no
// filter above could drop rows).
type Scan struct {
	Table  *Table
	Cols   []Column
	Source []int
	Filter []Expr
	Limit  int64
}

// Values is a constant relation (VALUES, and SELECT without FROM).
type Values struct {
	Rows [][]Expr
	Out  []Column
}

// Filter keeps the rows where Cond is true.
type Filter struct {
	Input Node
	Cond  Expr
}

// Project computes Exprs over each input row; Out[i] is Exprs[i]'s column.
type Project struct {
	Input Node
	Exprs []Expr
	Out   []Column
}

// Aggregate groups its input by Groups and computes Aggs per group; the
// output is the group columns then the aggregate columns. With no Groups
// it outputs exactly one row.
type Aggregate struct {
	Input  Node
	Groups []Expr
	Aggs   []AggCall
	Out    []Column
	// EmptySets, under grouping sets, are the numbers of the sets with no
	// group expressions (the grand total): on empty input each still gives
	// one row, as a global aggregate does, its set number in the last
	// group column and NULL in the others.
	EmptySets []int64
}

// Expand makes, of each input row, one row per grouping set (GROUPING
// SETS, ROLLUP, CUBE): the input's columns, then Out, whose values in the
// copy for set k are Sets[k] (the set's group expressions, NULL for the
// groups it leaves out, and the set's number).
type Expand struct {
	Input Node
	Sets  [][]Expr
	Out   []Column
}

// AggCall is one aggregate function application. Filter (may be nil)
// restricts the rows it sees; OrderBy (may be empty) is the order rows
// reach it in (array_agg(x ORDER BY y)).
type AggCall struct {
	Fn      *fn.Aggregate
	Args    []Expr
	Filter  Expr
	OrderBy []SortKey
	text    string // canonical form, to share identical calls
}

// Window appends one column per Funcs entry to its input's columns.
type Window struct {
	Input Node
	Funcs []WindowCall
	Out   []Column
}

// WindowCall is a window function over partitions of the input sorted by
// OrderBy. Name is row_number, rank, dense_rank, lag, lead, or an
// aggregate (Agg set). For aggregates, Frame is the frame: with OrderBy and
// no explicit frame, rows from the partition start to the current row's
// last peer (RANGE UNBOUNDED PRECEDING); without OrderBy, the whole
// partition.
type WindowCall struct {
	Name        string
	Agg         *fn.Aggregate
	Args        []Expr
	PartitionBy []Expr
	OrderBy     []SortKey
	Frame       Frame
	// IgnoreNulls (lag, lead and the value functions): rows whose first
	// argument is NULL are skipped, as if absent.
	IgnoreNulls bool
	T           *vec.Type
	text        string
}

// Frame bounds a window aggregate. Rows frames count rows; range frames
// with unbounded or current-row bounds include peers.
type Frame struct {
	Rows       bool
	Start, End FrameBound
}

// FrameBound is one end of a frame: Offset rows before (negative) or after
// (positive) the current row, or unbounded. In a RANGE frame with an
// offset (Value set), the bound is at the current row's ORDER BY key minus
// (PRECEDING) or plus (FOLLOWING) Offset, or FOffset for a double key,
// in the key's units (milliseconds for a timestamp), the other way round
// for a descending key.
type FrameBound struct {
	Unbounded bool
	Offset    int64
	Value     bool
	FOffset   float64
}

// SortKey is one ORDER BY item, with Trino's NULL placement resolved
// (NULLS LAST unless said otherwise, for ASC and DESC alike).
type SortKey struct {
	Expr       Expr
	Desc       bool
	NullsFirst bool
}

// Sort orders its input. Limit, when >= 0, is how many of the first rows
// are needed (ORDER BY ... LIMIT: a top-N). With Ties (FETCH FIRST n ROWS
// WITH TIES) the rows after those that sort equal to the last of them are
// output too.
type Sort struct {
	Input Node
	Keys  []SortKey
	Limit int64
	Ties  bool
}

// Limit skips Offset rows and passes at most Count (all when Count < 0).
type Limit struct {
	Input         Node
	Offset, Count int64
}

// Distinct removes duplicate rows.
type Distinct struct {
	Input Node
}

// JoinKind is the kind of a join.
type JoinKind uint8

const (
	JoinInner JoinKind = iota + 1
	JoinLeft
	JoinRight
	JoinFull
	JoinCross
	// JoinMark outputs each left row once, with Mark: whether some right
	// row matches it (a correlated EXISTS with conditions beyond
	// equalities).
	JoinMark
)

// Join combines two inputs. LeftKeys[i] = RightKeys[i] are the equi-join
// keys (NULL never matches); Residual, if not nil, must also hold. Output
// is the left columns then the right columns.
type Join struct {
	Left, Right         Node
	Kind                JoinKind
	LeftKeys, RightKeys []Expr
	Residual            Expr
	Mark                Column // JoinMark's boolean column
}

// Unnest outputs, for each input row, one row per element of the arrays
// Exprs (zipped; shorter arrays give NULLs): the input columns, then one
// column per array (a row-typed element expands into its fields when
// Expand[i]), then the ordinality when set. An input row whose arrays are
// all empty or NULL yields no row (CROSS JOIN semantics), or, when Outer
// (LEFT JOIN UNNEST ... ON TRUE), one row with NULLs.
type Unnest struct {
	Input      Node
	Exprs      []Expr
	Expand     []bool
	Ordinality bool
	Outer      bool
	Out        []Column // the added columns only
}

// SetOp is UNION, INTERSECT or EXCEPT; the inputs' columns are already
// cast to Out's types by Projects.
type SetOp struct {
	Left, Right Node
	Op          string // UNION, INTERSECT, EXCEPT
	All         bool
	Out         []Column
}

func (n *Scan) Columns() []Column      { return n.Cols }
func (n *Values) Columns() []Column    { return n.Out }
func (n *Filter) Columns() []Column    { return n.Input.Columns() }
func (n *Project) Columns() []Column   { return n.Out }
func (n *Aggregate) Columns() []Column { return n.Out }
func (n *Expand) Columns() []Column {
	return append(append([]Column(nil), n.Input.Columns()...), n.Out...)
}
func (n *Window) Columns() []Column {
	return append(append([]Column(nil), n.Input.Columns()...), n.Out...)
}
func (n *Sort) Columns() []Column     { return n.Input.Columns() }
func (n *Limit) Columns() []Column    { return n.Input.Columns() }
func (n *Distinct) Columns() []Column { return n.Input.Columns() }
func (n *Join) Columns() []Column {
	if n.Kind == JoinMark {
		return append(append([]Column(nil), n.Left.Columns()...), n.Mark)
	}
	return n.Pairs()
}

// Pairs are the columns of the joined pairs that keys and Residual read:
// the left's, then the right's (Columns, but for JoinMark).
func (n *Join) Pairs() []Column {
	return append(append([]Column(nil), n.Left.Columns()...), n.Right.Columns()...)
}
func (n *Unnest) Columns() []Column {
	return append(append([]Column(nil), n.Input.Columns()...), n.Out...)
}
func (n *SetOp) Columns() []Column { return n.Out }

func (n *Scan) Inputs() []Node      { return nil }
func (n *Values) Inputs() []Node    { return nil }
func (n *Filter) Inputs() []Node    { return []Node{n.Input} }
func (n *Project) Inputs() []Node   { return []Node{n.Input} }
func (n *Aggregate) Inputs() []Node { return []Node{n.Input} }
func (n *Expand) Inputs() []Node    { return []Node{n.Input} }
func (n *Window) Inputs() []Node    { return []Node{n.Input} }
func (n *Sort) Inputs() []Node      { return []Node{n.Input} }
func (n *Limit) Inputs() []Node     { return []Node{n.Input} }
func (n *Distinct) Inputs() []Node  { return []Node{n.Input} }
func (n *Join) Inputs() []Node      { return []Node{n.Left, n.Right} }
func (n *Unnest) Inputs() []Node    { return []Node{n.Input} }
func (n *SetOp) Inputs() []Node     { return []Node{n.Left, n.Right} }
