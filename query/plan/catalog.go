package plan

import (
	"strings"

	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/query/vec"
)

// Table is a lake table as queries see it.
type Table struct {
	Name    string // directory under the lake root
	Columns []TableColumn
	// Virtual are Athena's nested names (useridentity, resources, ...),
	// computed from stored columns; they are not part of SELECT *.
	Virtual []Virtual
}

// TableColumn is one column of a table.
type TableColumn struct {
	Name      string
	T         *vec.Type
	Partition bool // from the Hive path, not the file
	Bloom     bool // row groups carry a bloom filter on it
	JSON      bool // holds JSON text
}

// Virtual is a computed column: a row built from the stored columns under
// a path prefix (useridentity), or resources, the array of rows zipped from
// the resources_* lists.
type Virtual struct {
	Name string
	T    *vec.Type
	// Leaves name, for each leaf of T in depth-first order, the stored
	// column that fills it.
	Leaves []string
	Zip    bool // resources: T is array(row), Leaves are the lists
}

// Column returns the index of the column called name, or -1.
func (t *Table) Column(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Tables are the lake's tables; insights has the events table's columns.
func Tables() []*Table {
	return []*Table{lakeTable("cloudtrail_logs"), lakeTable("insights")}
}

func lakeTable(name string) *Table {
	t := &Table{Name: name}
	for _, c := range record.All() {
		tc := TableColumn{Name: c.Name, Bloom: c.Bloom}
		switch c.Kind {
		case record.String:
			tc.T = vec.TVarchar
		case record.JSON:
			tc.T, tc.JSON = vec.TVarchar, true
		case record.Bool:
			tc.T = vec.TBoolean
		case record.Timestamp:
			tc.T = vec.TTimestamp
		case record.StringList:
			tc.T = vec.ArrayOf(vec.TVarchar)
		}
		t.Columns = append(t.Columns, tc)
	}
	for _, p := range []string{record.PartAccount, record.PartRegion, record.PartDate} {
		t.Columns = append(t.Columns, TableColumn{Name: p, T: vec.TVarchar, Partition: true})
	}
	t.Virtual = virtuals()
	return t
}

// virtuals rebuilds Athena's nested CloudTrail columns from the stored
// columns' JSON paths (record.All): every top-level object that the lake
// flattened becomes a row of its fields, nested objects rows within.
func virtuals() []Virtual {
	type tree struct {
		name     string
		leaf     string // stored column, for a leaf
		children []*tree
	}
	roots := map[string]*tree{}
	var order []string
	for _, c := range record.All() {
		if c.Kind == record.StringList || len(c.Path) < 2 {
			continue
		}
		top := strings.ToLower(c.Path[0])
		r := roots[top]
		if r == nil {
			r = &tree{name: top}
			roots[top] = r
			order = append(order, top)
		}
		cur := r
		for _, seg := range c.Path[1:] {
			seg = strings.ToLower(seg)
			var next *tree
			for _, ch := range cur.children {
				if ch.name == seg {
					next = ch
				}
			}
			if next == nil {
				next = &tree{name: seg}
				cur.children = append(cur.children, next)
			}
			cur = next
		}
		cur.leaf = c.Name
	}
	var build func(t *tree, leaves *[]string) *vec.Type
	build = func(t *tree, leaves *[]string) *vec.Type {
		if t.leaf != "" {
			*leaves = append(*leaves, t.leaf)
			return vec.TVarchar
		}
		fs := make([]vec.Field, len(t.children))
		for i, ch := range t.children {
			fs[i] = vec.Field{Name: ch.name, Type: build(ch, leaves)}
		}
		return vec.RowOf(fs...)
	}
	var out []Virtual
	for _, name := range order {
		var leaves []string
		t := build(roots[name], &leaves)
		out = append(out, Virtual{Name: name, T: t, Leaves: leaves})
	}
	fields := make([]vec.Field, len(record.ResourceColumns))
	leaves := make([]string, len(record.ResourceColumns))
	for i, c := range record.ResourceColumns {
		fields[i] = vec.Field{Name: strings.ToLower(c.Path[0]), Type: vec.TVarchar}
		leaves[i] = c.Name
	}
	out = append(out, Virtual{Name: "resources", T: vec.ArrayOf(vec.RowOf(fields...)), Leaves: leaves, Zip: true})
	return out
}
