package ddl

import (
	"fmt"
	"strings"

	"github.com/trailhouse/trailhouse/internal/record"
)

// hiveType is a column's type in Hive DDL (Athena, Spark); trinoType in
// Trino's SQL.
func hiveType(c record.Column) string {
	switch c.Kind {
	case record.Bool:
		return "boolean"
	case record.Timestamp:
		return "timestamp"
	case record.StringList:
		return "array<string>"
	}
	return "string"
}

func trinoType(c record.Column) string {
	switch c.Kind {
	case record.Bool:
		return "boolean"
	case record.Timestamp:
		return "timestamp(3)"
	case record.StringList:
		return "array(varchar)"
	}
	return "varchar"
}

// hiveIdent quotes a name for Hive DDL: Athena wants backticks around names
// that start with "_" and around reserved words.
func hiveIdent(s string) string {
	if strings.HasPrefix(s, "_") || s == "date" {
		return "`" + s + "`"
	}
	return s
}

// trinoIdent quotes a name for Trino SQL.
func trinoIdent(s string) string {
	if strings.HasPrefix(s, "_") || s == "date" || s == "type" {
		return `"` + s + `"`
	}
	return s
}

// columnList writes the flat columns, one a line, with typ and quote.
func columnList(b *strings.Builder, typ func(record.Column) string, quote func(string) string, indent string, trailingComma bool) {
	cols := record.All()
	for i, c := range cols {
		sep := ","
		if i == len(cols)-1 && !trailingComma {
			sep = ""
		}
		fmt.Fprintf(b, "%s%s %s%s\n", indent, quote(c.Name), typ(c), sep)
	}
}

// athenaShape is how the compatibility views present a top-level name of
// Athena's CloudTrail table: flat, nested or computed from flat columns.
type viewDialect struct {
	ident     func(string) string
	structOf  func(f *field, d viewDialect) string // the nested value of a struct root
	resources func(d viewDialect) string
	eventtime string // the expression giving eventtime as CloudTrail's ISO text
	readonly  string // readonly as 'true'/'false' text
}

// compatSelect writes the select list of the Athena-shaped view: the
// columns of Athena's CloudTrail table, in its order, then the partitions.
func compatSelect(b *strings.Builder, d viewDialect) {
	roots := nested()
	var items []string
	for _, name := range athenaTopLevel() {
		switch {
		case name == "resources":
			items = append(items, d.resources(d)+" AS resources")
		case name == record.ColEventTime:
			items = append(items, d.eventtime+" AS eventtime")
		case name == record.ColReadOnly:
			items = append(items, d.readonly+" AS readonly")
		case isStruct(name, roots) != nil:
			items = append(items, d.structOf(isStruct(name, roots), d)+" AS "+d.ident(name))
		default:
			items = append(items, d.ident(name))
		}
	}
	for _, p := range partitionCols {
		items = append(items, d.ident(p))
	}
	b.WriteString("  " + strings.Join(items, ",\n  ") + "\n")
}

// trinoDialect builds the view in Trino's SQL (Athena's views are Trino
// SQL too): CAST(ROW(...) AS ROW(name type, ...)) and zip().
var trinoDialect = viewDialect{
	ident: trinoIdent,
	structOf: func(f *field, d viewDialect) string {
		vals, typ := trinoRow(f)
		return "CAST(" + vals + " AS " + typ + ")"
	},
	resources: func(d viewDialect) string {
		names, lists := resourceFields()
		var fields []string
		for _, n := range names {
			fields = append(fields, d.ident(n)+" varchar")
		}
		return fmt.Sprintf("IF(%s IS NULL, NULL, CAST(zip(%s) AS array(row(%s))))", lists[0], strings.Join(lists, ", "), strings.Join(fields, ", "))
	},
	eventtime: `format_datetime(eventtime, 'yyyy-MM-dd''T''HH:mm:ss''Z''')`,
	readonly:  `CAST(readonly AS varchar)`,
}

func trinoRow(f *field) (vals, typ string) {
	var vs, ts []string
	for _, c := range f.children {
		if c.col != nil {
			vs = append(vs, trinoIdent(c.col.Name))
			ts = append(ts, trinoIdent(c.name)+" varchar")
			continue
		}
		v, t := trinoRow(c)
		vs = append(vs, v)
		ts = append(ts, trinoIdent(c.name)+" "+t)
	}
	return "ROW(" + strings.Join(vs, ", ") + ")", "row(" + strings.Join(ts, ", ") + ")"
}

// sparkDialect builds the view in Spark SQL: named_struct and
// arrays_zip.
var sparkDialect = viewDialect{
	ident: func(s string) string {
		if strings.HasPrefix(s, "_") || s == "date" {
			return "`" + s + "`"
		}
		return s
	},
	structOf: sparkStruct,
	resources: func(d viewDialect) string {
		names, lists := resourceFields()
		var fields []string
		for i, n := range names {
			fields = append(fields, fmt.Sprintf("'%s', r.%s", n, lists[i]))
		}
		return fmt.Sprintf("IF(%s IS NULL, NULL, transform(arrays_zip(%s), r -> named_struct(%s)))", lists[0], strings.Join(lists, ", "), strings.Join(fields, ", "))
	},
	eventtime: `date_format(eventtime, "yyyy-MM-dd'T'HH:mm:ss'Z'")`,
	readonly:  `CAST(readonly AS string)`,
}

func sparkStruct(f *field, d viewDialect) string {
	var parts []string
	for _, c := range f.children {
		v := ""
		if c.col != nil {
			v = d.ident(c.col.Name)
		} else {
			v = sparkStruct(c, d)
		}
		parts = append(parts, fmt.Sprintf("'%s', %s", c.name, v))
	}
	return "named_struct(" + strings.Join(parts, ", ") + ")"
}

func compatViewName(table string) string { return table + "_athena" }
