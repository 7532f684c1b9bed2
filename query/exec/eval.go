package exec

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// evaluator computes an expression over a batch.
type evaluator func(b *vec.Batch) (*vec.Vector, error)

// layout maps column IDs to positions in an operator's input batches.
type layout map[int]int

// width is the number of batch columns l places: one past its last.
func (l layout) width() int {
	w := 0
	for _, p := range l {
		w = max(w, p+1)
	}
	return w
}

func layoutOf(cols []plan.Column) layout {
	l := make(layout, len(cols))
	for i, c := range cols {
		l[c.ID] = i
	}
	return l
}

// compile turns a bound expression into an evaluator over batches laid out
// as l.
// compile returns the evaluator of e over batches laid out as l.
// Expressions over one column (and constants) run once per dictionary
// entry when that column comes coded (see dictExpr).
func compile(fc *fn.Ctx, e plan.Expr, l layout) (evaluator, error) {
	ev, err := compileRow(fc, e, l)
	if err != nil {
		return nil, err
	}
	if d := newDictExpr(e, l, ev); d != nil {
		return d.eval, nil
	}
	return ev, nil
}

// compileCoded is compile, except that a bare column comes as it is in
// the batch: text may be codes only (S nil; see vec.Vector). For
// consumers that read values through vec's functions (Str, AppendKey).
func compileCoded(fc *fn.Ctx, e plan.Expr, l layout) (evaluator, error) {
	if c, ok := e.(*plan.ColRef); ok {
		i, ok := l[c.ID]
		if !ok {
			return nil, fmt.Errorf("exec: column %s is not in the input", c)
		}
		return func(b *vec.Batch) (*vec.Vector, error) { return b.Cols[i], nil }, nil
	}
	return compile(fc, e, l)
}

// compileRow returns the evaluator of e that works row by row.
func compileRow(fc *fn.Ctx, e plan.Expr, l layout) (evaluator, error) {
	switch e := e.(type) {
	case *plan.ColRef:
		i, ok := l[e.ID]
		if !ok {
			return nil, fmt.Errorf("exec: column %s is not in the input", e)
		}
		// Kernels read S: text held as codes only is materialised here.
		return func(b *vec.Batch) (*vec.Vector, error) { return vec.Materialize(b.Cols[i]), nil }, nil
	case *plan.Const:
		// A constant is materialised once at the largest batch length
		// seen and sliced after that (vectors are never modified).
		t, x := e.T, e.Value
		var cache atomic.Pointer[vec.Vector]
		return func(b *vec.Batch) (*vec.Vector, error) {
			if c := cache.Load(); c != nil && c.Len >= b.Len {
				return c.Slice(0, b.Len), nil
			}
			v, err := vec.Const(t, x, b.Len)
			if err == nil {
				cache.Store(v)
			}
			return v, err
		}, nil
	case *plan.Call:
		args := make([]evaluator, len(e.Args))
		for i, a := range e.Args {
			ev, err := compile(fc, a, l)
			if err != nil {
				return nil, err
			}
			args[i] = ev
		}
		f := e.Fn
		if f.Name == fn.Try {
			return tryEval(args[0], f.Ret), nil
		}
		if k := compareConst(f, e.Args, args); k != nil {
			return k, nil
		}
		return func(b *vec.Batch) (*vec.Vector, error) {
			vs := make([]*vec.Vector, len(args))
			for i, a := range args {
				v, err := a(b)
				if err != nil {
					return nil, err
				}
				vs[i] = v
			}
			out, err := f.Eval(fc, vs, b.Len)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
			return out, nil
		}, nil
	case *plan.Logic:
		args := make([]evaluator, len(e.Args))
		for i, a := range e.Args {
			ev, err := compile(fc, a, l)
			if err != nil {
				return nil, err
			}
			args[i] = ev
		}
		or := e.Or
		// An argument that can fail is evaluated only on the rows the
		// ones before it left undecided, so a guard protects it as in
		// Trino (errors > 0 AND calls / errors < n).
		guarded := make([]bool, len(e.Args))
		for i, a := range e.Args {
			guarded[i] = i > 0 && !safeExpr(a)
		}
		return func(b *vec.Batch) (*vec.Vector, error) {
			out := &vec.Vector{T: vec.TBoolean, Len: b.Len, B: make([]bool, b.Len)}
			// Start at the identity (true for AND, false for OR); a
			// decisive value wins over NULL.
			for i := range out.B {
				out.B[i] = !or
			}
			var null []bool
			for k, a := range args {
				in, rows := b, []int32(nil) // rows: where in b the rows of in are; nil for all
				if guarded[k] {
					rows = make([]int32, 0, b.Len)
					for i := 0; i < b.Len; i++ {
						if out.B[i] != or {
							rows = append(rows, int32(i))
						}
					}
					switch len(rows) {
					case 0:
						continue
					case b.Len:
						rows = nil
					default:
						in = takeBatch(b, rows)
					}
				}
				v, err := a(in)
				if err != nil {
					return nil, err
				}
				for j := 0; j < in.Len; j++ {
					i := j
					if rows != nil {
						i = int(rows[j])
					}
					if v.IsNull(j) {
						if null == nil {
							null = make([]bool, b.Len)
						}
						null[i] = true
						continue
					}
					if v.B[j] == or {
						out.B[i] = or
					}
				}
			}
			if null != nil {
				for i := range null {
					if null[i] && out.B[i] != or {
						out.SetNull(i)
					}
				}
			}
			return out, nil
		}, nil
	case *plan.IsNullExpr:
		arg, err := compile(fc, e.Arg, l)
		if err != nil {
			return nil, err
		}
		not := e.Not
		return func(b *vec.Batch) (*vec.Vector, error) {
			v, err := arg(b)
			if err != nil {
				return nil, err
			}
			out := &vec.Vector{T: vec.TBoolean, Len: b.Len, B: make([]bool, b.Len)}
			for i := range out.B {
				out.B[i] = v.IsNull(i) != not
			}
			return out, nil
		}, nil
	case *plan.InExpr:
		return compileIn(fc, e, l)
	case *plan.CaseExpr:
		return compileCase(fc, e, l)
	case *plan.ArrayLambda:
		return compileLambda(fc, e, l)
	case *plan.SubqueryExpr:
		return nil, fmt.Errorf("exec: subquery %s was not computed before the statement", e)
	}
	return nil, fmt.Errorf("exec: cannot evaluate %T", e)
}

// compareConst is a fast path for comparing a column with a constant.
func compareConst(f *fn.Scalar, exprs []plan.Expr, args []evaluator) evaluator {
	if len(exprs) != 2 {
		return nil
	}
	c, ok := exprs[1].(*plan.Const)
	if !ok || c.Value == nil {
		return nil
	}
	test := map[string]func(int) bool{
		"$eq": func(c int) bool { return c == 0 }, "$ne": func(c int) bool { return c != 0 },
		"$lt": func(c int) bool { return c < 0 }, "$le": func(c int) bool { return c <= 0 },
		"$gt": func(c int) bool { return c > 0 }, "$ge": func(c int) bool { return c >= 0 },
	}[f.Name]
	if test == nil {
		return nil
	}
	lhs := args[0]
	switch x := c.Value.(type) {
	case string:
		if f.Name == "$eq" || f.Name == "$ne" {
			eq := f.Name == "$eq"
			return func(b *vec.Batch) (*vec.Vector, error) {
				v, err := lhs(b)
				if err != nil {
					return nil, err
				}
				out := &vec.Vector{T: vec.TBoolean, Len: b.Len, B: make([]bool, b.Len), Null: v.Null}
				for i, s := range v.S {
					out.B[i] = (s == x) == eq
				}
				return out, nil
			}
		}
		return func(b *vec.Batch) (*vec.Vector, error) {
			v, err := lhs(b)
			if err != nil {
				return nil, err
			}
			out := &vec.Vector{T: vec.TBoolean, Len: b.Len, B: make([]bool, b.Len), Null: v.Null}
			for i, s := range v.S {
				switch {
				case s < x:
					out.B[i] = test(-1)
				case s > x:
					out.B[i] = test(1)
				default:
					out.B[i] = test(0)
				}
			}
			return out, nil
		}
	case int64:
		return func(b *vec.Batch) (*vec.Vector, error) {
			v, err := lhs(b)
			if err != nil {
				return nil, err
			}
			out := &vec.Vector{T: vec.TBoolean, Len: b.Len, B: make([]bool, b.Len), Null: v.Null}
			for i, y := range v.I {
				switch {
				case y < x:
					out.B[i] = test(-1)
				case y > x:
					out.B[i] = test(1)
				default:
					out.B[i] = test(0)
				}
			}
			return out, nil
		}
	}
	return nil
}

func compileIn(fc *fn.Ctx, e *plan.InExpr, l layout) (evaluator, error) {
	arg, err := compile(fc, e.Arg, l)
	if err != nil {
		return nil, err
	}
	t := e.Arg.Type()
	set := map[string]bool{}
	for _, x := range e.Values {
		v, err := vec.Const(t, x, 1)
		if err != nil {
			return nil, err
		}
		set[string(v.AppendKey(nil, 0))] = true
	}
	strs := map[string]bool{}
	if t.Stringy() {
		for _, x := range e.Values {
			strs[x.(string)] = true
		}
	}
	not, hasNull := e.Not, e.HasNull
	return func(b *vec.Batch) (*vec.Vector, error) {
		v, err := arg(b)
		if err != nil {
			return nil, err
		}
		out := &vec.Vector{T: vec.TBoolean, Len: b.Len, B: make([]bool, b.Len)}
		var buf []byte // per call: evaluators run on several goroutines
		for i := 0; i < b.Len; i++ {
			if v.IsNull(i) {
				out.SetNull(i)
				continue
			}
			var hit bool
			if t.Stringy() {
				hit = strs[v.S[i]]
			} else {
				buf = v.AppendKey(buf[:0], i)
				hit = set[string(buf)]
			}
			switch {
			case hit:
				out.B[i] = !not
			case hasNull:
				out.SetNull(i)
			default:
				out.B[i] = not
			}
		}
		return out, nil
	}, nil
}

// compileCase evaluates each arm only on the rows that reach it, so an arm
// that would fail on other rows (a cast, a division) does not.
func compileCase(fc *fn.Ctx, e *plan.CaseExpr, l layout) (evaluator, error) {
	arms := make([]struct{ cond, res evaluator }, len(e.Whens))
	for i, w := range e.Whens {
		c, err := compile(fc, w.Cond, l)
		if err != nil {
			return nil, err
		}
		r, err := compile(fc, w.Result, l)
		if err != nil {
			return nil, err
		}
		arms[i] = struct{ cond, res evaluator }{c, r}
	}
	els, err := compile(fc, e.Else, l)
	if err != nil {
		return nil, err
	}
	t := e.T
	if safeExpr(e) {
		consts := make([]bool, len(e.Whens)+1)
		for i, w := range e.Whens {
			_, consts[i] = w.Result.(*plan.Const)
		}
		_, consts[len(e.Whens)] = e.Else.(*plan.Const)
		return caseEager(arms, els, consts, t), nil
	}
	// Sub-batches carry only the columns the arms read.
	var used []int
	for id := range plan.Refs(e) {
		used = append(used, l[id])
	}
	takeBatch := func(b *vec.Batch, idx []int32) *vec.Batch {
		out := &vec.Batch{Len: len(idx), Cols: make([]*vec.Vector, len(b.Cols))}
		for _, i := range used {
			out.Cols[i] = b.Cols[i].Take(idx)
		}
		return out
	}
	return func(b *vec.Batch) (*vec.Vector, error) {
		pick := make([]int32, b.Len) // arm number per row, len(arms) for ELSE
		for i := range pick {
			pick[i] = -1
		}
		rest := b
		restIdx := make([]int32, b.Len)
		for i := range restIdx {
			restIdx[i] = int32(i)
		}
		parts := make([]*vec.Vector, 0, len(arms)+1)
		partRows := make([][]int32, 0, len(arms)+1)
		for k, a := range arms {
			if rest.Len == 0 {
				break
			}
			c, err := a.cond(rest)
			if err != nil {
				return nil, err
			}
			var hit, miss []int32
			for i := 0; i < rest.Len; i++ {
				if !c.IsNull(i) && c.B[i] {
					hit = append(hit, int32(i))
				} else {
					miss = append(miss, int32(i))
				}
			}
			if len(hit) > 0 {
				sub := takeBatch(rest, hit)
				r, err := a.res(sub)
				if err != nil {
					return nil, err
				}
				rows := make([]int32, len(hit))
				for j, h := range hit {
					rows[j] = restIdx[h]
				}
				parts, partRows = append(parts, r), append(partRows, rows)
			}
			_ = k
			if len(miss) < rest.Len {
				rest = takeBatch(rest, miss)
				nr := make([]int32, len(miss))
				for j, m := range miss {
					nr[j] = restIdx[m]
				}
				restIdx = nr
			}
		}
		if rest.Len > 0 {
			r, err := els(rest)
			if err != nil {
				return nil, err
			}
			parts, partRows = append(parts, r), append(partRows, restIdx)
		}
		// Scatter the parts back into row order.
		all := vec.Concat(t, append([]*vec.Vector{vec.New(t, 0)}, parts...))
		idx := make([]int32, b.Len)
		off := int32(0)
		for p, rows := range partRows {
			for j, r := range rows {
				idx[r] = off + int32(j)
			}
			off += int32(parts[p].Len)
		}
		return all.Take(idx), nil
	}, nil
}

// caseEager evaluates every arm over the whole batch and picks per row:
// for CASE expressions none of whose parts can fail. Constant results are
// evaluated once, as one value.
func caseEager(arms []struct{ cond, res evaluator }, els evaluator, consts []bool, t *vec.Type) evaluator {
	one := &vec.Batch{Len: 1}
	return func(b *vec.Batch) (*vec.Vector, error) {
		pick := make([]int32, b.Len) // arm per row; len(arms) is ELSE
		for i := range pick {
			pick[i] = -1
		}
		left := b.Len
		parts := make([]*vec.Vector, len(arms)+1)
		result := func(k int, ev evaluator) error {
			in := b
			if consts[k] {
				in = one
			}
			v, err := ev(in)
			parts[k] = v
			return err
		}
		for k, a := range arms {
			if left == 0 {
				break
			}
			c, err := a.cond(b)
			if err != nil {
				return nil, err
			}
			hit := false
			for i := range pick {
				if pick[i] < 0 && !c.IsNull(i) && c.B[i] {
					pick[i] = int32(k)
					left--
					hit = true
				}
			}
			if hit {
				if err := result(k, a.res); err != nil {
					return nil, err
				}
			}
		}
		if left > 0 {
			for i := range pick {
				if pick[i] < 0 {
					pick[i] = int32(len(arms))
				}
			}
			if err := result(len(arms), els); err != nil {
				return nil, err
			}
		}
		return gatherRows(t, parts, pick, consts, b.Len), nil
	}
}

// gatherRows builds row i from parts[pick[i]] (its row i, or its only row
// when consts says the part is one value).
func gatherRows(t *vec.Type, parts []*vec.Vector, pick []int32, consts []bool, n int) *vec.Vector {
	row := func(p int32, i int) int {
		if consts[p] {
			return 0
		}
		return i
	}
	out := vec.New(t, n)
	switch t.Kind {
	case vec.Varchar, vec.JSON, vec.Bigint, vec.Timestamp, vec.TimestampTZ, vec.Date, vec.IntervalDay, vec.IntervalMonth, vec.Double, vec.Boolean:
		for i, p := range pick {
			v := parts[p]
			j := row(p, i)
			if v.IsNull(j) {
				out.SetNull(i)
				continue
			}
			switch t.Kind {
			case vec.Varchar, vec.JSON:
				out.S[i] = v.S[j]
			case vec.Double:
				out.F[i] = v.F[j]
			case vec.Boolean:
				out.B[i] = v.B[j]
			default:
				out.I[i] = v.I[j]
			}
		}
		return out
	}
	// Nested types: stack the parts and take.
	var stack []*vec.Vector
	base := make([]int32, len(parts))
	total := int32(0)
	for k, v := range parts {
		if v == nil {
			v = vec.Nulls(t, 1)
			parts[k] = v
		}
		base[k] = total
		total += int32(v.Len)
		stack = append(stack, v)
	}
	idx := make([]int32, n)
	for i, p := range pick {
		idx[i] = base[p] + int32(row(p, i))
	}
	return vec.Concat(t, stack).Take(idx)
}

// tryEval is try(x) over x's evaluator: when a batch fails with
// fn.ErrValue, each row is evaluated alone and the rows that fail are NULL.
func tryEval(x evaluator, t *vec.Type) evaluator {
	return func(b *vec.Batch) (*vec.Vector, error) {
		v, err := x(b)
		if err == nil || !errors.Is(err, fn.ErrValue) {
			return v, err
		}
		out := vec.NewBuilder(t)
		for i := 0; i < b.Len; i++ {
			var y any
			if v, err := x(takeBatch(b, []int32{int32(i)})); err == nil {
				y = v.Get(0)
			} else if !errors.Is(err, fn.ErrValue) {
				return nil, err
			}
			if err := out.Append(y); err != nil {
				return nil, err
			}
		}
		return out.Vector(), nil
	}
}

// safeExpr reports whether evaluating e can never fail on one row and not
// another, so that it may be computed for rows that do not need it (and a
// filter of it run before its guard). Functions that fail only for a bad
// constant (a JSON path, a pattern) fail alike on every row; bigint
// arithmetic, which fails only on overflow, counts as safe.
func safeExpr(e plan.Expr) bool {
	safe := true
	plan.Walk(e, func(x plan.Expr) {
		switch x := x.(type) {
		case *plan.Call:
			switch x.Fn.Name {
			case "json_extract_scalar", "json_extract", "json_array_contains", "json_size",
				"regexp_like", "regexp_extract", "regexp_replace", "regexp_count", "regexp_extract_all":
				for _, a := range x.Args[1:] {
					if _, ok := a.(*plan.Const); !ok {
						safe = false
					}
				}
			case "json_array_length", "url_extract_host", "url_extract_path", "url_extract_parameter",
				"url_extract_protocol", "url_extract_query", "url_extract_port", "url_extract_fragment",
				"$eq", "$ne", "$lt", "$le", "$gt", "$ge", "$not", "$like", "$concat", "$distinct",
				"$add", "$sub", "$mul", "$neg", "$field", "$row",
				"lower", "upper", "length", "trim", "ltrim", "rtrim", "coalesce", "nullif",
				"starts_with", "ends_with", "strpos", "$position", "concat", "cardinality", "contains",
				"greatest", "least", "abs",
				"year", "month", "day", "hour", "minute", "second", "day_of_week", "to_unixtime":
			default:
				safe = false
			}
		case *plan.SubqueryExpr:
			safe = false
		}
	})
	return safe
}

// takeBatch returns the rows idx of b.
func takeBatch(b *vec.Batch, idx []int32) *vec.Batch {
	out := &vec.Batch{Len: len(idx), Cols: make([]*vec.Vector, len(b.Cols))}
	for i, c := range b.Cols {
		if c != nil { // a dictionary batch holds only the columns it reads
			out.Cols[i] = c.Take(idx)
		}
	}
	return out
}

// filterBatch keeps the rows where cond is true.
func filterBatch(b *vec.Batch, cond *vec.Vector) *vec.Batch {
	idx := make([]int32, 0, b.Len)
	for i := 0; i < b.Len; i++ {
		if cond.B[i] && !cond.IsNull(i) {
			idx = append(idx, int32(i))
		}
	}
	if len(idx) == b.Len {
		return b
	}
	return takeBatch(b, idx)
}

// exprSet evaluates a set of expressions over a batch, each distinct one
// (by its canonical text) once: avg(length(x)) and sum(length(x)) share
// the length.
type exprSet struct {
	fc    *fn.Ctx
	l     layout
	index map[string]int
	evs   []evaluator
}

func newExprSet(fc *fn.Ctx, l layout) *exprSet {
	return &exprSet{fc: fc, l: l, index: map[string]int{}}
}

// add returns the position of e's value in eval's result.
func (s *exprSet) add(e plan.Expr) (int, error) { return s.addAs(e, false) }

// addCoded is add for a value read only through vec's functions: a bare
// column's text may come as codes only (see compileCoded).
func (s *exprSet) addCoded(e plan.Expr) (int, error) { return s.addAs(e, true) }

func (s *exprSet) addAs(e plan.Expr, coded bool) (int, error) {
	k := e.String()
	comp := compile
	if _, col := e.(*plan.ColRef); col && coded {
		k, comp = "coded "+k, compileCoded
	}
	if i, ok := s.index[k]; ok {
		return i, nil
	}
	ev, err := comp(s.fc, e, s.l)
	if err != nil {
		return 0, err
	}
	s.index[k] = len(s.evs)
	s.evs = append(s.evs, ev)
	return len(s.evs) - 1, nil
}

func (s *exprSet) eval(b *vec.Batch) ([]*vec.Vector, error) {
	out := make([]*vec.Vector, len(s.evs))
	for i, ev := range s.evs {
		v, err := ev(b)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// dictExpr evaluates a deterministic expression whose only column input
// is one text or boolean column once per entry of that column's
// dictionary (false, true for booleans), and gives each row its entry's
// result. Results are kept per dictionary, so the batches of one column
// chunk share one evaluation.
type dictExpr struct {
	ev  evaluator // the expression, row by row
	pos int       // the column's position in the batch
	t   *vec.Type // the column's type
	w   int       // the batch width

	mu     sync.Mutex
	done   map[*vec.Dict]dictResult // nil key: booleans
	consts map[*vec.Vector]*vec.Vector
}

// dictResult is a dictExpr's result per entry (the last is for NULL) and,
// for text, the dictionary its values make.
type dictResult struct {
	r    *vec.Vector
	dict *vec.Dict
	// nn is r without its NULL mask when only the NULL entry's result is
	// NULL: rows of an input without NULLs take from it.
	nn *vec.Vector
	// one is r's single value when every entry has the same result.
	one *vec.Vector
}

// same reports whether a flat vector holds one value (or only NULLs) in
// every row.
func same(v *vec.Vector) bool {
	switch v.T.Kind {
	case vec.Array, vec.Row:
		return false
	}
	for i := 1; i < v.Len; i++ {
		if vec.Compare(v, i, v, 0) != 0 || v.IsNull(i) != v.IsNull(0) {
			return false
		}
	}
	return true
}

// constant returns n copies of the one-row vector one, from a cache kept
// at the longest length asked for (vectors are immutable).
func (x *dictExpr) constant(one *vec.Vector, n int) *vec.Vector {
	x.mu.Lock()
	defer x.mu.Unlock()
	if c := x.consts[one]; c != nil && c.Len >= n {
		return c.Slice(0, n)
	}
	c := one.Take(make([]int32, max(n, batchRows)))
	if x.consts == nil || len(x.consts) >= dictResults {
		x.consts = map[*vec.Vector]*vec.Vector{}
	}
	x.consts[one] = c
	return c.Slice(0, n)
}

// dictResults is how many dictionaries a dictExpr keeps results for.
const dictResults = 16

// newDictExpr returns the per-entry form of e (ev row by row), or nil
// when e is a bare column or constant, reads other than one column, or
// calls a volatile function.
func newDictExpr(e plan.Expr, l layout, ev evaluator) *dictExpr {
	switch e.(type) {
	case *plan.ColRef, *plan.Const, *plan.SubqueryExpr:
		return nil
	}
	var col *plan.ColRef
	ok := true
	plan.Walk(e, func(x plan.Expr) {
		switch x := x.(type) {
		case *plan.ColRef:
			if col != nil && col.ID != x.ID {
				ok = false
			}
			col = x
		case *plan.Call:
			if x.Fn.Volatile {
				ok = false
			}
		case *plan.SubqueryExpr:
			ok = false
		}
	})
	if !ok || col == nil {
		return nil
	}
	t := col.Type()
	if !t.Stringy() && t.Kind != vec.Boolean {
		return nil
	}
	pos, found := l[col.ID]
	if !found {
		return nil
	}
	return &dictExpr{ev: ev, pos: pos, t: t, w: l.width()}
}

// eval is the evaluator. It falls back to row by row when the column is
// not coded, its dictionary is large for the batch, or an entry fails (an
// error must come from a row, and the entry may be in none).
func (x *dictExpr) eval(b *vec.Batch) (*vec.Vector, error) {
	v := b.Cols[x.pos]
	dict := v.Dict // nil for booleans, whose entries are false and true
	if v.T.Kind == vec.Boolean {
		dict = nil
	} else if b.Len == 0 || dict == nil || dict.Values == nil {
		return x.ev(b)
	}
	d := 2
	if dict != nil {
		d = dict.N
	}
	x.mu.Lock()
	res, ok := x.done[dict]
	x.mu.Unlock()
	if !ok {
		if d+1 > 2*b.Len && d > 1024 {
			return x.ev(b)
		}
		in := &vec.Vector{T: v.T, Len: d + 1, Null: make([]bool, d+1)}
		in.Null[d] = true
		if dict != nil {
			in.S = append(dict.Values[:d:d], "")
		} else {
			in.B = []bool{false, true, false}
		}
		db := &vec.Batch{Len: d + 1, Cols: make([]*vec.Vector, x.w)}
		db.Cols[x.pos] = in
		r, err := x.ev(db)
		if err != nil || r.Len != d+1 {
			return x.ev(b)
		}
		res = dictResult{r: r, dict: &vec.Dict{N: d + 1}}
		if r.T.Stringy() {
			res.dict.Values = r.S
		}
		if r.Null != nil && !slices.Contains(r.Null[:d], true) {
			nn := *r
			nn.Null = nil
			res.nn = &nn
		}
		if same(r) {
			res.one = r.Slice(0, 1)
		}
		x.mu.Lock()
		if x.done == nil || len(x.done) >= dictResults {
			x.done = map[*vec.Dict]dictResult{}
		}
		x.done[dict] = res
		x.mu.Unlock()
	}
	if res.one != nil {
		return x.constant(res.one, b.Len), nil
	}
	var idx []int32
	if dict != nil && v.Null == nil {
		idx = v.Codes // every row's entry is its code
	} else {
		idx = make([]int32, b.Len)
		for i := range idx {
			switch {
			case v.IsNull(i):
				idx[i] = int32(d)
			case dict != nil:
				idx[i] = v.Codes[i]
			case v.B[i]:
				idx[i] = 1
			}
		}
	}
	from := res.r
	if v.Null == nil && res.nn != nil {
		from = res.nn
	}
	out := from.Take(idx)
	if out.T.Kind != vec.Array && out.T.Kind != vec.Row {
		out.Dict, out.Codes = res.dict, idx
	}
	return out, nil
}
