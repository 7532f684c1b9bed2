package query

import (
	"context"
	"fmt"

	"strings"
	"time"

	"github.com/trailhouse/trailhouse/query/exec"
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// staticRows returns a small constant result.
func staticRows(env *exec.Env, names []string, types []*vec.Type, rowsData [][]any, start time.Time) (Rows, error) {
	out := &plan.Values{}
	for i, n := range names {
		out.Out = append(out.Out, plan.Column{ID: i + 1, Name: n, T: types[i]})
	}
	for _, r := range rowsData {
		var row []plan.Expr
		for i, x := range r {
			row = append(row, &plan.Const{Value: x, T: types[i]})
		}
		out.Rows = append(out.Rows, row)
	}
	op, err := exec.Build(env, out, nil)
	if err != nil {
		return nil, err
	}
	return newRows(env, op, out.Out, names, true, start), nil
}

func (e *Engine) lookupTable(src string, name parse.QualifiedName) (*plan.Table, error) {
	n := name.Parts[len(name.Parts)-1].Canonical()
	if a, ok := tableAliases[n]; ok {
		n = a
	}
	for _, t := range e.tables() {
		if t.Name == n {
			return t, nil
		}
	}
	return nil, parse.NewError(src, name.Position(), "table %s does not exist", name.Canonical())
}

func (e *Engine) showTables(ctx context.Context, env *exec.Env, st *parse.ShowTables, start time.Time) (Rows, error) {
	var rowsData [][]any
	for _, t := range e.tables() {
		if t.Name != "cloudtrail_logs" {
			parts, err := e.lake.Partitions(ctx, t.Name)
			if err != nil {
				return nil, err
			}
			if len(parts) == 0 {
				continue // insights only when the lake has it
			}
		}
		if st.Like != nil {
			m, err := fn.LikeMatcher(st.Like.Value, 0)
			if err != nil {
				return nil, err
			}
			if !m(t.Name) {
				continue
			}
		}
		rowsData = append(rowsData, []any{t.Name})
	}
	return staticRows(env, []string{"Table"}, []*vec.Type{vec.TVarchar}, rowsData, start)
}

func (e *Engine) describe(src string, st *parse.Describe, env *exec.Env, start time.Time) (Rows, error) {
	t, err := e.lookupTable(src, st.Table)
	if err != nil {
		return nil, err
	}
	var rowsData [][]any
	for _, c := range t.Columns {
		extra := ""
		switch {
		case c.Partition:
			extra = "partition key"
		case c.JSON:
			extra = "JSON text"
		}
		rowsData = append(rowsData, []any{c.Name, c.T.String(), extra, ""})
	}
	for _, v := range t.Virtual {
		rowsData = append(rowsData, []any{v.Name, v.T.String(), "Athena name, computed", ""})
	}
	return staticRows(env, []string{"Column", "Type", "Extra", "Comment"},
		[]*vec.Type{vec.TVarchar, vec.TVarchar, vec.TVarchar, vec.TVarchar}, rowsData, start)
}

func (e *Engine) showPartitions(ctx context.Context, src string, st *parse.ShowPartitions, env *exec.Env, start time.Time) (Rows, error) {
	t, err := e.lookupTable(src, st.Table)
	if err != nil {
		return nil, err
	}
	parts, err := e.lake.Partitions(ctx, t.Name)
	if err != nil {
		return nil, err
	}
	val := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	var rowsData [][]any
	for _, p := range parts {
		rowsData = append(rowsData, []any{val(p.Values["account"]), val(p.Values["region"]), val(p.Values["date"]), int64(len(p.Files)), p.Bytes})
	}
	return staticRows(env, []string{"account", "region", "date", "files", "bytes"},
		[]*vec.Type{vec.TVarchar, vec.TVarchar, vec.TVarchar, vec.TBigint, vec.TBigint}, rowsData, start)
}

// explain prints the plan; with ANALYZE it runs the statement first and
// adds each operator's actual rows and time, and what the scans read.
func (e *Engine) explain(ctx context.Context, src string, st *parse.Explain, env *exec.Env, start time.Time) (Rows, error) {
	q, ok := st.Stmt.(*parse.Query)
	if !ok {
		return nil, fmt.Errorf("EXPLAIN of %T is %w", st.Stmt, plan.ErrUnsupported)
	}
	bound, err := e.bind(src, q, env)
	if err != nil {
		return nil, err
	}
	if err := e.resolveSubqueries(ctx, env, bound); err != nil {
		return nil, err
	}
	root := plan.Optimize(bound.Root)
	var lines []string
	if !st.Analyze {
		scans := map[plan.Node]*exec.ScanPlan{}
		var walk func(n plan.Node) error
		walk = func(n plan.Node) error {
			if s, ok := n.(*plan.Scan); ok {
				sp, err := exec.PlanScan(ctx, env, s)
				if err != nil {
					return err
				}
				scans[n] = sp
			}
			for _, in := range n.Inputs() {
				if err := walk(in); err != nil {
					return err
				}
			}
			return nil
		}
		if err := walk(root); err != nil {
			return nil, err
		}
		text := plan.Format(root, func(n plan.Node) string {
			if sp, ok := scans[n]; ok {
				return fmt.Sprintf("will read: partitions %d of %d, files %d of %d, row groups %d of %d, %s of %s (%s of the table's bytes)",
					sp.Partitions, sp.PartitionsTotal, sp.Files, sp.FilesTotal, sp.RowGroups, sp.RowGroupsTotal,
					bytesText(sp.Bytes), bytesText(sp.BytesTotal), percent(sp.Bytes, sp.BytesTotal))
			}
			return ""
		})
		lines = strings.Split(strings.TrimRight(text, "\n"), "\n")
	} else {
		stats := map[plan.Node]*exec.OpStats{}
		op, err := exec.Build(env, root, stats)
		if err != nil {
			return nil, err
		}
		var rowsOut int64
		err = exec.Drain(ctx, op, func(b *vec.Batch) error { rowsOut += int64(b.Len); return nil })
		op.Close()
		if err != nil {
			return nil, err
		}
		elapsed := time.Since(start)
		text := plan.Format(root, func(n plan.Node) string {
			s, ok := stats[n]
			if !ok {
				return ""
			}
			return fmt.Sprintf("actual: rows %d, batches %d, time %s (including inputs)", s.Rows.Load(), s.Batches.Load(), time.Duration(s.Nanos.Load()).Round(time.Microsecond))
		})
		lines = strings.Split(strings.TrimRight(text, "\n"), "\n")
		ss := env.Stats
		lines = append(lines, "",
			fmt.Sprintf("read: partitions %d of %d, files %d of %d, row groups %d of %d",
				ss.Partitions.Load(), ss.PartitionsTotal.Load(), ss.Files.Load(), ss.FilesTotal.Load(), ss.RowGroups.Load(), ss.RowGroupsTotal.Load()),
			fmt.Sprintf("bytes: %s of the scanned columns' %s in the lake (%s); %s read from storage, footers included",
				bytesText(ss.Bytes.Load()), bytesText(ss.BytesTotal.Load()), percent(ss.Bytes.Load(), ss.BytesTotal.Load()), bytesText(ss.BytesRead.Load())),
			fmt.Sprintf("rows: %d decoded, %d returned; peak memory %s; elapsed %s",
				ss.Rows.Load(), rowsOut, bytesText(env.Budget.Peak()), elapsed.Round(time.Microsecond)))
	}
	var rowsData [][]any
	for _, l := range lines {
		rowsData = append(rowsData, []any{l})
	}
	return staticRows(env, []string{"Query Plan"}, []*vec.Type{vec.TVarchar}, rowsData, start)
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func percent(a, b int64) string {
	if b == 0 {
		return "0%"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(a)/float64(b))
}
