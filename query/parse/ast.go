package parse

// Node is any node of the syntax tree. Every node records where its text
// begins (its first token) and prints back to normalised SQL: String returns
// Format(node).
type Node interface {
	Position() Pos
	String() string
}

// Statement is one parsed statement: *Query, *Explain, *ShowTables,
// *ShowPartitions or *Describe.
type Statement interface {
	Node
	statementNode()
}

// Expr is a scalar expression.
type Expr interface {
	Node
	exprNode()
}

// Relation is an item of a FROM clause: *Table, *Aliased, *TableSubquery,
// *Unnest, *Lateral, *Sampled or *Join.
type Relation interface {
	Node
	relationNode()
}

// QueryBody is what a query computes before ORDER BY, OFFSET and LIMIT:
// *Select, *SetOp, *Values, or a parenthesised *Query that has its own
// WITH, ORDER BY, OFFSET or LIMIT.
type QueryBody interface {
	Node
	queryBodyNode()
}

// SelectItem is one item of a select list: *SelectExpr or *AllColumns.
type SelectItem interface {
	Node
	selectItemNode()
}

// Ident is an identifier. Name is the identifier as written, with the quotes
// of a quoted identifier removed and its doubled quotes undone.
type Ident struct {
	Pos
	Name   string
	Quoted bool
}

// Canonical is the form to resolve names by: an unquoted identifier is
// lower-cased (SQL names are case-insensitive); a quoted one keeps its case.
func (id Ident) Canonical() string {
	if id.Quoted {
		return id.Name
	}
	return lower(id.Name)
}

// QualifiedName is a dotted name such as db.table; it has at least one part.
type QualifiedName struct {
	Parts []Ident
}

// Position is the position of the first part.
func (q QualifiedName) Position() Pos {
	if len(q.Parts) == 0 {
		return Pos{}
	}
	return q.Parts[0].Pos
}

// Canonical joins the canonical forms of the parts with dots.
func (q QualifiedName) Canonical() string {
	s := ""
	for i, p := range q.Parts {
		if i > 0 {
			s += "."
		}
		s += p.Canonical()
	}
	return s
}

// ---- statements ----

// Query is a complete query: an optional WITH, a body, and the clauses that
// order and cut its result. Offset and Limit are nil when absent; FETCH FIRST
// n ROWS ONLY is parsed as Limit.
type Query struct {
	Pos
	With    *With
	Body    QueryBody
	OrderBy []*OrderItem
	Offset  *Offset
	Limit   *Limit
}

// With is a WITH clause.
type With struct {
	Pos
	CTEs []*CTE
}

// CTE is one named query of a WITH clause; Columns is nil when no column
// list is given.
type CTE struct {
	Pos
	Name    Ident
	Columns []Ident
	Query   *Query
}

// Offset is OFFSET n; Count is never negative.
type Offset struct {
	Pos
	Count int64
}

// Limit is LIMIT n or LIMIT ALL (All set, Count 0); Count is never negative.
// Ties is set for FETCH FIRST n ROWS WITH TIES: the rows that sort equal to
// the last of the first n are kept too.
type Limit struct {
	Pos
	All   bool
	Count int64
	Ties  bool
}

// Explain is EXPLAIN [ANALYZE] [VERBOSE] [(TYPE t, FORMAT f)] statement.
// Type and Format are upper-cased, empty when not given.
type Explain struct {
	Pos
	Analyze bool
	Verbose bool
	Type    string
	Format  string
	Stmt    Statement
}

// ShowTables is SHOW TABLES [FROM|IN schema] [LIKE pattern [ESCAPE c]].
type ShowTables struct {
	Pos
	From   *QualifiedName
	Like   *StringLit
	Escape *StringLit
}

// ShowPartitions is SHOW PARTITIONS [FROM|IN] table.
type ShowPartitions struct {
	Pos
	Table QualifiedName
}

// Describe is DESCRIBE table, DESC table, or SHOW COLUMNS FROM|IN table.
type Describe struct {
	Pos
	Table QualifiedName
}

// ---- query bodies ----

// Select is one SELECT ... FROM ... WHERE ... GROUP BY ... HAVING block.
// From holds the comma-separated relations (an implicit cross join); it is
// empty for a SELECT without FROM. GroupBy items may be ordinals (integer
// NumberLit), which the planner resolves against Items.
type Select struct {
	Pos
	Distinct bool
	Items    []SelectItem
	From     []Relation
	Where    Expr
	GroupBy  []Expr
	// Grouping holds the ROLLUP, CUBE and GROUPING SETS elements of the
	// GROUP BY list; the query groups by the cross product of their sets,
	// each extended by GroupBy's plain expressions.
	Grouping []*GroupingElement
	// GroupDistinct is GROUP BY DISTINCT: each grouping set once.
	GroupDistinct bool
	Having        Expr
	// Windows is the WINDOW clause: named windows that OVER may refer to.
	Windows []NamedWindow
}

// NamedWindow is one "name AS (spec)" of a WINDOW clause.
type NamedWindow struct {
	Name Ident
	Spec *Window
}

// GroupingKind is ROLLUP, CUBE or GROUPING SETS.
type GroupingKind uint8

const (
	Rollup GroupingKind = iota + 1
	Cube
	GroupingSets
)

func (k GroupingKind) String() string {
	switch k {
	case Rollup:
		return "ROLLUP"
	case Cube:
		return "CUBE"
	}
	return "GROUPING SETS"
}

// GroupingElement is ROLLUP (a, b), CUBE (a, b) or GROUPING SETS ((a, b),
// (a), ()). For ROLLUP and CUBE, Sets holds one set per argument, a
// parenthesised argument being a composite one; for GROUPING SETS one per
// listed set (an empty one for the grand total).
type GroupingElement struct {
	Pos
	Kind GroupingKind
	Sets [][]Expr
}

// Expand returns the grouping sets the element stands for, in Trino's
// order: ROLLUP (a, b) is (a, b), (a), (); CUBE (a, b) is (a, b), (a), (b),
// ().
func (g *GroupingElement) Expand() [][]Expr {
	switch g.Kind {
	case Rollup:
		var out [][]Expr
		for n := len(g.Sets); n >= 0; n-- {
			var set []Expr
			for _, s := range g.Sets[:n] {
				set = append(set, s...)
			}
			out = append(out, set)
		}
		return out
	case Cube:
		var out [][]Expr
		n := len(g.Sets)
		for m := (1 << n) - 1; m >= 0; m-- {
			var set []Expr
			for i, s := range g.Sets {
				if m&(1<<(n-1-i)) != 0 {
					set = append(set, s...)
				}
			}
			out = append(out, set)
		}
		return out
	}
	return g.Sets
}

// SetOpKind is UNION, INTERSECT or EXCEPT.
type SetOpKind uint8

const (
	Union SetOpKind = iota + 1
	Intersect
	Except
)

func (k SetOpKind) String() string {
	switch k {
	case Union:
		return "UNION"
	case Intersect:
		return "INTERSECT"
	case Except:
		return "EXCEPT"
	}
	return "?"
}

// SetOp combines two query bodies. All is set for UNION ALL (and so on);
// otherwise the operation is DISTINCT, the SQL default.
type SetOp struct {
	Pos
	Op          SetOpKind
	All         bool
	Left, Right QueryBody
}

// Values is VALUES row, row, ...; a row of several columns is a *RowCtor.
type Values struct {
	Pos
	Rows []Expr
}

// SelectExpr is expr [AS alias]; Alias is nil when none is given.
type SelectExpr struct {
	Pos
	Expr  Expr
	Alias *Ident
}

// AllColumns is * (Qualifier nil) or qualifier.* (such as t.*).
type AllColumns struct {
	Pos
	Qualifier []Ident
}

// NullsOrder says where an ORDER BY item puts NULLs.
type NullsOrder uint8

const (
	NullsDefault NullsOrder = iota
	NullsFirst
	NullsLast
)

func (n NullsOrder) String() string {
	switch n {
	case NullsFirst:
		return "NULLS FIRST"
	case NullsLast:
		return "NULLS LAST"
	}
	return "default"
}

// OrderItem is expr [ASC|DESC] [NULLS FIRST|LAST]. An integer NumberLit is
// an ordinal into the select list; the planner resolves ordinals and aliases.
type OrderItem struct {
	Pos
	Expr  Expr
	Desc  bool
	Nulls NullsOrder
}

// ---- relations ----

// Table is a table name, possibly qualified (db.table).
type Table struct {
	Pos
	Name QualifiedName
}

// Sampled is rel TABLESAMPLE BERNOULLI | SYSTEM (percent): each row kept
// with that chance.
type Sampled struct {
	Pos
	Rel     Relation
	Method  string // BERNOULLI or SYSTEM
	Percent Expr
}

// Aliased names a relation: rel [AS] alias [(col, ...)].
type Aliased struct {
	Pos
	Rel     Relation
	Alias   Ident
	Columns []Ident
}

// TableSubquery is a parenthesised query used as a relation.
type TableSubquery struct {
	Pos
	Query *Query
}

// Unnest is UNNEST(expr, ...) [WITH ORDINALITY].
type Unnest struct {
	Pos
	Exprs      []Expr
	Ordinality bool
}

// Lateral is LATERAL (query).
type Lateral struct {
	Pos
	Query *Query
}

// JoinType is the kind of a join.
type JoinType uint8

const (
	CrossJoin JoinType = iota + 1
	InnerJoin
	LeftJoin
	RightJoin
	FullJoin
)

func (t JoinType) String() string {
	switch t {
	case CrossJoin:
		return "CROSS JOIN"
	case InnerJoin:
		return "JOIN"
	case LeftJoin:
		return "LEFT JOIN"
	case RightJoin:
		return "RIGHT JOIN"
	case FullJoin:
		return "FULL JOIN"
	}
	return "?"
}

// Join is an explicit join. A CROSS JOIN has neither On nor Using; every
// other join has exactly one of them.
type Join struct {
	Pos
	Type        JoinType
	Left, Right Relation
	On          Expr
	Using       []Ident
}

// ---- expressions ----

// ColumnRef is a possibly dotted name used as a value: col, t.col,
// useridentity.sessioncontext.sessionissuer.arn. Which parts name a table,
// a column or a field of a row is for the planner to resolve.
type ColumnRef struct {
	Pos
	Parts []Ident
}

// Dereference is base.field where base is not itself a name, such as
// arr[1].field or f(x).field.
type Dereference struct {
	Pos
	Base  Expr
	Field Ident
}

// Subscript is base[index], on arrays (1-based) and maps.
type Subscript struct {
	Pos
	Base, Index Expr
}

// NullLit is NULL.
type NullLit struct{ Pos }

// BoolLit is TRUE or FALSE.
type BoolLit struct {
	Pos
	Value bool
}

// NumberKind tells the three kinds of numeric literal apart.
type NumberKind uint8

const (
	Integer NumberKind = iota + 1 // 42
	Decimal                       // 4.2, .5, 5.
	Double                        // 4.2e1
)

func (k NumberKind) String() string {
	switch k {
	case Integer:
		return "integer"
	case Decimal:
		return "decimal"
	case Double:
		return "double"
	}
	return "?"
}

// NumberLit is an unsigned numeric literal; Text is exactly as written.
// A leading minus sign is a Unary.
type NumberLit struct {
	Pos
	Kind NumberKind
	Text string
}

// StringLit is a string literal; Value is its decoded content.
type StringLit struct {
	Pos
	Value string
}

// BinaryLit is X'hex'.
type BinaryLit struct {
	Pos
	Value []byte
}

// TypedLit is a literal of a named type: DATE '2024-01-01',
// TIMESTAMP '2024-01-01 00:00:00', DECIMAL '1.5', JSON '{}'. Type is
// upper-cased; Value is the string as written (it is checked later).
type TypedLit struct {
	Pos
	Type  string
	Value string
}

// IntervalLit is INTERVAL [+|-] 'value' unit [TO unit]. From and To are
// upper-cased (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND); To is empty when
// there is no TO.
type IntervalLit struct {
	Pos
	Negative bool
	Value    string
	From, To string
}

// SpecialFunc is a niladic special form written without parentheses:
// CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP
// (these take an optional precision, -1 when absent), CURRENT_USER,
// CURRENT_CATALOG, CURRENT_SCHEMA. Name is upper-cased.
type SpecialFunc struct {
	Pos
	Name      string
	Precision int
}

// BinaryOp is a binary operator.
type BinaryOp uint8

const (
	OpOr BinaryOp = iota + 1
	OpAnd
	OpEq
	OpNe // <> and !=
	OpLt
	OpLe
	OpGt
	OpGe
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpMod
	OpConcat // ||
)

var binaryOpText = [...]string{
	OpOr: "OR", OpAnd: "AND", OpEq: "=", OpNe: "<>", OpLt: "<", OpLe: "<=", OpGt: ">", OpGe: ">=",
	OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpMod: "%", OpConcat: "||",
}

func (op BinaryOp) String() string {
	if int(op) < len(binaryOpText) && binaryOpText[op] != "" {
		return binaryOpText[op]
	}
	return "?"
}

// IsComparison reports whether op is one of = <> < <= > >=.
func (op BinaryOp) IsComparison() bool { return op >= OpEq && op <= OpGe }

// Binary is left op right, for logical, comparison, arithmetic and
// concatenation operators.
type Binary struct {
	Pos
	Op          BinaryOp
	Left, Right Expr
}

// Unary is -expr (Negate) or +expr.
type Unary struct {
	Pos
	Negate bool
	Expr   Expr
}

// Not is NOT expr.
type Not struct {
	Pos
	Expr Expr
}

// IsNull is expr IS [NOT] NULL.
type IsNull struct {
	Pos
	Expr Expr
	Not  bool
}

// IsDistinctFrom is left IS [NOT] DISTINCT FROM right.
type IsDistinctFrom struct {
	Pos
	Left, Right Expr
	Not         bool
}

// Between is expr [NOT] BETWEEN low AND high.
type Between struct {
	Pos
	Expr, Low, High Expr
	Not             bool
}

// InList is expr [NOT] IN (e1, e2, ...).
type InList struct {
	Pos
	Expr Expr
	List []Expr
	Not  bool
}

// InSubquery is expr [NOT] IN (query).
type InSubquery struct {
	Pos
	Expr  Expr
	Query *Query
	Not   bool
}

// Like is expr [NOT] LIKE pattern [ESCAPE escape]; Escape is nil when absent.
type Like struct {
	Pos
	Expr, Pattern, Escape Expr
	Not                   bool
}

// QuantifiedComparison is left op ALL|ANY|SOME (query). Quantifier is
// upper-cased.
type QuantifiedComparison struct {
	Pos
	Op         BinaryOp
	Left       Expr
	Quantifier string
	Query      *Query
}

// Exists is EXISTS (query).
type Exists struct {
	Pos
	Query *Query
}

// Subquery is a scalar subquery, (query), used as a value.
type Subquery struct {
	Pos
	Query *Query
}

// FuncCall is a function call: name([DISTINCT] args [ORDER BY ...])
// [FILTER (WHERE cond)] [IGNORE|RESPECT NULLS] [OVER (window)]. Star is set
// for count(*), and then Args is empty. NullTreatment is "", "IGNORE" or
// "RESPECT".
type FuncCall struct {
	Pos
	Name          QualifiedName
	Distinct      bool
	Star          bool
	Args          []Expr
	OrderBy       []*OrderItem
	Filter        Expr
	NullTreatment string
	Over          *Window
}

// Window is the specification after OVER. Base, when set, names a window
// of the WINDOW clause that this one extends (OVER w, or OVER (w ORDER BY
// x)); the planner resolves it.
type Window struct {
	Pos
	Base        *Ident
	PartitionBy []Expr
	OrderBy     []*OrderItem
	Frame       *Frame
}

// Frame is a window frame: Unit (ROWS, RANGE or GROUPS) Start, or Unit
// BETWEEN Start AND End; End is nil in the first form.
type Frame struct {
	Pos
	Unit  string
	Start FrameBound
	End   *FrameBound
}

// BoundKind is the kind of a window frame bound.
type BoundKind uint8

const (
	UnboundedPreceding BoundKind = iota + 1
	Preceding                    // Offset PRECEDING
	CurrentRow
	Following // Offset FOLLOWING
	UnboundedFollowing
)

func (k BoundKind) String() string {
	switch k {
	case UnboundedPreceding:
		return "UNBOUNDED PRECEDING"
	case Preceding:
		return "PRECEDING"
	case CurrentRow:
		return "CURRENT ROW"
	case Following:
		return "FOLLOWING"
	case UnboundedFollowing:
		return "UNBOUNDED FOLLOWING"
	}
	return "?"
}

// FrameBound is one end of a window frame; Offset is set only for
// Preceding and Following.
type FrameBound struct {
	Pos
	Kind   BoundKind
	Offset Expr
}

// Cast is CAST(expr AS type), or TRY_CAST when Try is set.
type Cast struct {
	Pos
	Expr Expr
	Type *DataType
	Try  bool
}

// Case is CASE [operand] WHEN ... THEN ... [ELSE ...] END. Operand is nil
// for a searched CASE; Else is nil when absent.
type Case struct {
	Pos
	Operand Expr
	Whens   []*When
	Else    Expr
}

// When is one WHEN cond THEN result arm of a CASE.
type When struct {
	Pos
	Cond, Result Expr
}

// Extract is EXTRACT(field FROM expr); Field is upper-cased (YEAR, DOW, ...).
type Extract struct {
	Pos
	Field string
	From  Expr
}

// Trim is TRIM([BOTH|LEADING|TRAILING] [chars] FROM expr), TRIM(expr) or
// TRIM(expr, chars). Spec is "", "BOTH", "LEADING" or "TRAILING"; Chars is
// nil when not given.
type Trim struct {
	Pos
	Spec  string
	Chars Expr
	From  Expr
}

// Substring is SUBSTRING(expr FROM start [FOR length]); For is nil when
// absent. substring(s, a, b) is an ordinary FuncCall.
type Substring struct {
	Pos
	Expr, From, For Expr
}

// PositionOf is POSITION(sub IN str).
type PositionOf struct {
	Pos
	Sub, In Expr
}

// ArrayCtor is ARRAY[e1, e2, ...].
type ArrayCtor struct {
	Pos
	Elems []Expr
}

// RowCtor is ROW(e1, ...) or a parenthesised list (e1, e2, ...).
type RowCtor struct {
	Pos
	Fields []Expr
}

// Lambda is x -> body or (x, y) -> body, as a function argument.
type Lambda struct {
	Pos
	Params []Ident
	Body   Expr
}

// AtTimeZone is expr AT TIME ZONE zone.
type AtTimeZone struct {
	Pos
	Expr, Zone Expr
}

// ---- types ----

// DataType is a type name as in CAST(x AS type). Name is upper-cased:
// VARCHAR, BIGINT, DECIMAL, TIMESTAMP, ARRAY, MAP, ROW, INTERVAL, ...
// DOUBLE PRECISION is DOUBLE, and the Athena DDL forms array<T> and
// map<K, V> are ARRAY and MAP. Params holds varchar(n), decimal(p, s),
// timestamp(p) numbers and array(T), map(K, V) element types; Fields holds
// the fields of a ROW; From and To hold the fields of an INTERVAL type.
type DataType struct {
	Pos
	Name         string
	Params       []TypeParam
	Fields       []RowField
	WithTimeZone bool
	From, To     string
}

// TypeParam is a number (Type nil) or a type.
type TypeParam struct {
	Num  int64
	Type *DataType
}

// RowField is one field of a ROW type; Name is nil for an anonymous field.
type RowField struct {
	Name *Ident
	Type *DataType
}

func (*Query) statementNode()          {}
func (*Explain) statementNode()        {}
func (*ShowTables) statementNode()     {}
func (*ShowPartitions) statementNode() {}
func (*Describe) statementNode()       {}

func (*Query) queryBodyNode()  {}
func (*Select) queryBodyNode() {}
func (*SetOp) queryBodyNode()  {}
func (*Values) queryBodyNode() {}

func (*SelectExpr) selectItemNode() {}
func (*AllColumns) selectItemNode() {}

func (*Table) relationNode()         {}
func (*Aliased) relationNode()       {}
func (*Sampled) relationNode()       {}
func (*TableSubquery) relationNode() {}
func (*Unnest) relationNode()        {}
func (*Lateral) relationNode()       {}
func (*Join) relationNode()          {}

func (*ColumnRef) exprNode()            {}
func (*Dereference) exprNode()          {}
func (*Subscript) exprNode()            {}
func (*NullLit) exprNode()              {}
func (*BoolLit) exprNode()              {}
func (*NumberLit) exprNode()            {}
func (*StringLit) exprNode()            {}
func (*BinaryLit) exprNode()            {}
func (*TypedLit) exprNode()             {}
func (*IntervalLit) exprNode()          {}
func (*SpecialFunc) exprNode()          {}
func (*Binary) exprNode()               {}
func (*Unary) exprNode()                {}
func (*Not) exprNode()                  {}
func (*IsNull) exprNode()               {}
func (*IsDistinctFrom) exprNode()       {}
func (*Between) exprNode()              {}
func (*InList) exprNode()               {}
func (*InSubquery) exprNode()           {}
func (*Like) exprNode()                 {}
func (*QuantifiedComparison) exprNode() {}
func (*Exists) exprNode()               {}
func (*Subquery) exprNode()             {}
func (*FuncCall) exprNode()             {}
func (*Cast) exprNode()                 {}
func (*Case) exprNode()                 {}
func (*Extract) exprNode()              {}
func (*Trim) exprNode()                 {}
func (*Substring) exprNode()            {}
func (*PositionOf) exprNode()           {}
func (*ArrayCtor) exprNode()            {}
func (*RowCtor) exprNode()              {}
func (*Lambda) exprNode()               {}
func (*AtTimeZone) exprNode()           {}
