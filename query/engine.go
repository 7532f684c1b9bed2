package query

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/query/exec"
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// Options bound and parameterise an Engine.
type Options struct {
	// MaxMemory bounds the memory one query may hold in operators that
	// buffer (hash tables, sorts, result sets), in bytes; 0 means no bound.
	// A query that would pass it fails with ErrMemoryLimit.
	MaxMemory int64
	// Parallelism is how many files or row groups are read at once; 0 means
	// GOMAXPROCS.
	Parallelism int
	// Now is the clock behind current_timestamp, now() and current_date;
	// nil means time.Now. One query sees one instant.
	Now func() time.Time
}

// Sentinel errors.
var (
	// ErrMemoryLimit: a query needed more memory than Options.MaxMemory.
	ErrMemoryLimit = exec.ErrMemoryLimit
	// ErrScalarSubquery: a subquery used as a value returned more than one
	// row.
	ErrScalarSubquery = errors.New("a scalar subquery returned more than one row")
)

// Engine answers SQL over one lake. It is safe for concurrent use: each
// Query is independent.
type Engine struct {
	lake *exec.Lake
	opt  Options
}

// Open returns an engine over the lake in store. It reads nothing yet: the
// lake's partitions are listed by each query that needs them, so a query
// sees the files committed before it started.
func Open(ctx context.Context, lake objstore.Store, opt Options) (*Engine, error) {
	if opt.Parallelism <= 0 {
		opt.Parallelism = runtime.GOMAXPROCS(0)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Engine{lake: exec.NewLake(lake), opt: opt}, nil
}

// Rows is the result of one statement, read as a stream of record batches.
// Every batch has Schema(). Next returns io.EOF after the last batch; the
// caller must Release each batch it is given and Close the Rows (Close stops
// any work still running). Rows is not safe for concurrent use.
type Rows interface {
	Schema() *arrow.Schema
	Next(ctx context.Context) (arrow.RecordBatch, error)
	// Ordered reports whether the row order is part of the answer (the
	// statement ends in ORDER BY); otherwise any order is as correct.
	Ordered() bool
	// Stats is what the statement read and did so far; complete after
	// io.EOF.
	Stats() Stats
	Close() error
}

// Stats counts what a statement read out of the lake, and out of how much.
type Stats struct {
	Partitions, PartitionsTotal int
	Files, FilesTotal           int
	RowGroups, RowGroupsTotal   int
	Bytes, BytesTotal           int64 // compressed column-chunk bytes read, and in the lake
	BytesRead                   int64 // bytes read from storage, footers included
	Rows                        int64 // rows read out of the files, before filters
	PeakMemory                  int64 // most bytes held by buffering operators
	Elapsed                     time.Duration
}

func (e *Engine) tables() []*plan.Table { return plan.Tables() }

var tableAliases = map[string]string{"cloudtrail": "cloudtrail_logs"}

// Query runs one statement: a query, EXPLAIN [ANALYZE], SHOW TABLES,
// SHOW PARTITIONS or DESCRIBE. Errors in the text are *parse.Error values
// with a line, a column and a caret (Pretty).
func (e *Engine) Query(ctx context.Context, sql string) (Rows, error) {
	st, err := parse.Parse(sql)
	if err != nil {
		return nil, err
	}
	return e.Statement(ctx, sql, st)
}

// Statement runs a parsed statement; src is its text, for messages.
func (e *Engine) Statement(ctx context.Context, src string, st parse.Statement) (Rows, error) {
	start := time.Now()
	env := e.env()
	switch st := st.(type) {
	case *parse.Query:
		bound, err := e.bind(src, st, env)
		if err != nil {
			return nil, err
		}
		if err := e.resolveSubqueries(ctx, env, bound); err != nil {
			return nil, err
		}
		root := plan.Optimize(bound.Root)
		op, err := exec.Build(env, root, nil)
		if err != nil {
			return nil, err
		}
		return newRows(env, op, root.Columns(), bound.Names, bound.Ordered, start), nil
	case *parse.Explain:
		return e.explain(ctx, src, st, env, start)
	case *parse.ShowTables:
		return e.showTables(ctx, env, st, start)
	case *parse.Describe:
		return e.describe(src, st, env, start)
	case *parse.ShowPartitions:
		return e.showPartitions(ctx, src, st, env, start)
	}
	return nil, fmt.Errorf("statement %T is %w", st, plan.ErrUnsupported)
}

func (e *Engine) env() *exec.Env {
	return &exec.Env{
		Fn:          &fn.Ctx{Now: e.opt.Now().UTC()},
		Budget:      exec.NewBudget(e.opt.MaxMemory),
		Lake:        e.lake,
		Parallelism: e.opt.Parallelism,
		Stats:       &exec.ScanStats{},
	}
}

func (e *Engine) bind(src string, q *parse.Query, env *exec.Env) (*plan.Bound, error) {
	return plan.Bind(src, q, plan.Options{Tables: e.tables(), Aliases: tableAliases, Ctx: env.Fn})
}

// resolveSubqueries runs the statement's uncorrelated subqueries, innermost
// first, and puts their values in place of them.
func (e *Engine) resolveSubqueries(ctx context.Context, env *exec.Env, b *plan.Bound) error {
	done := map[int]plan.Expr{}
	replace := func(x plan.Expr) plan.Expr {
		if s, ok := x.(*plan.SubqueryExpr); ok {
			if r, ok := done[s.ID()]; ok {
				if in, ok := r.(*plan.InExpr); ok {
					cp := *in
					cp.Arg = s.Arg
					return &cp
				}
				return r
			}
		}
		return x
	}
	for _, s := range b.Subqueries {
		plan.RewriteExprs(s.Plan, replace)
		root := plan.Optimize(s.Plan)
		op, err := exec.Build(env, root, nil)
		if err != nil {
			return err
		}
		var vals []*vec.Vector
		rows := 0
		err = exec.Drain(ctx, op, func(bt *vec.Batch) error {
			rows += bt.Len
			if s.Kind == plan.ScalarSubquery && rows > 1 {
				return ErrScalarSubquery
			}
			if s.Kind == plan.ExistsSubquery {
				return errStop
			}
			vals = append(vals, bt.Cols[0])
			return env.Budget.Grow(int64(bt.Len) * 16)
		})
		op.Close()
		if err != nil && !errors.Is(err, errStop) {
			return err
		}
		switch s.Kind {
		case plan.ExistsSubquery:
			v := rows > 0
			if s.Not {
				v = !v
			}
			done[s.ID()] = &plan.Const{Value: v, T: vec.TBoolean}
		case plan.ScalarSubquery:
			var v any
			if rows == 1 {
				for _, x := range vals {
					if x.Len > 0 {
						v = x.Get(0)
					}
				}
			}
			done[s.ID()] = &plan.Const{Value: v, T: s.T}
		case plan.InSubquery:
			in := &plan.InExpr{Arg: s.Arg, Not: s.Not}
			seen := map[string]bool{}
			var buf []byte
			for _, v := range vals {
				for i := 0; i < v.Len; i++ {
					if v.IsNull(i) {
						in.HasNull = true
						continue
					}
					buf = v.AppendKey(buf[:0], i)
					if !seen[string(buf)] {
						seen[string(buf)] = true
						in.Values = append(in.Values, v.Get(i))
					}
				}
			}
			if len(in.Values) == 0 && !in.HasNull {
				// x IN (empty) is false, NOT IN (empty) true, even for NULL x.
				done[s.ID()] = &plan.Const{Value: s.Not, T: vec.TBoolean}
			} else {
				done[s.ID()] = in
			}
		}
	}
	plan.RewriteExprs(b.Root, replace)
	return nil
}

var errStop = errors.New("stop")

// rows adapts an operator tree to Rows.
type rows struct {
	env     *exec.Env
	op      exec.Operator
	schema  *arrow.Schema
	types   []*vec.Type
	ordered bool
	start   time.Time
	elapsed time.Duration
	done    bool
}

func newRows(env *exec.Env, op exec.Operator, cols []plan.Column, names []string, ordered bool, start time.Time) *rows {
	fields := make([]arrow.Field, len(cols))
	types := make([]*vec.Type, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: names[i], Type: vec.ArrowType(c.T), Nullable: true}
		types[i] = c.T
	}
	return &rows{env: env, op: op, schema: arrow.NewSchema(fields, nil), types: types, ordered: ordered, start: start}
}

func (r *rows) Schema() *arrow.Schema { return r.schema }
func (r *rows) Ordered() bool         { return r.ordered }

func (r *rows) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if r.done {
		return nil, io.EOF
	}
	b, err := r.op.Next(ctx)
	if err != nil {
		r.finish()
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("query stopped: %w", err)
		}
		return nil, err
	}
	if b == nil {
		r.finish()
		return nil, io.EOF
	}
	cols := make([]arrow.Array, len(b.Cols))
	for i, c := range b.Cols {
		cols[i] = vec.ToArrow(memory.DefaultAllocator, c)
	}
	rec := array.NewRecordBatch(r.schema, cols, int64(b.Len))
	for _, c := range cols {
		c.Release()
	}
	return rec, nil
}

func (r *rows) finish() {
	if !r.done {
		r.done = true
		r.elapsed = time.Since(r.start)
		r.op.Close()
	}
}

func (r *rows) Stats() Stats {
	s := r.env.Stats
	el := r.elapsed
	if !r.done {
		el = time.Since(r.start)
	}
	return Stats{
		Partitions: int(s.Partitions.Load()), PartitionsTotal: int(s.PartitionsTotal.Load()),
		Files: int(s.Files.Load()), FilesTotal: int(s.FilesTotal.Load()),
		RowGroups: int(s.RowGroups.Load()), RowGroupsTotal: int(s.RowGroupsTotal.Load()),
		Bytes: s.Bytes.Load(), BytesTotal: s.BytesTotal.Load(), BytesRead: s.BytesRead.Load(),
		Rows: s.Rows.Load(), PeakMemory: r.env.Budget.Peak(), Elapsed: el,
	}
}

func (r *rows) Close() error {
	r.finish()
	return nil
}

// Collect reads all of rows' batches; the caller releases them.
func Collect(ctx context.Context, r Rows) ([]arrow.RecordBatch, error) {
	defer r.Close()
	var out []arrow.RecordBatch
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			for _, x := range out {
				x.Release()
			}
			return nil, err
		}
		out = append(out, b)
	}
}
