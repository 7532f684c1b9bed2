package ddl

import (
	"fmt"
	"strings"

	"github.com/trailhouse/trailhouse/internal/record"
)

// duckdbMacros make DuckDB answer the Trino functions trailhouse's query
// suite uses with Trino's semantics, where DuckDB lacks the function or
// gives it another meaning. A macro in the main schema hides the built-in
// of the same name, which stays reachable as system.main.NAME.
var duckdbMacros = []struct{ comment, sql string }{
	{"Trino parses ISO 8601 text; on the lake eventtime is already a timestamp, and the cast keeps it",
		`from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)`},
	{"", `from_iso8601_date(s) AS CAST(s AS DATE)`},
	{"Trino's ISO text of an instant, in UTC with milliseconds",
		`to_iso8601(t) AS strftime(CAST(t AS TIMESTAMPTZ), '%Y-%m-%dT%H:%M:%S.%gZ')`},
	{"seconds since the epoch, with the fraction (Trino: double)",
		`to_unixtime(t) AS epoch(CAST(t AS TIMESTAMPTZ))`},
	{"", `from_unixtime(x) AS to_timestamp(CAST(x AS DOUBLE))`},
	{"a scalar at the path as text; NULL for objects and arrays, which DuckDB would return as JSON text",
		`json_extract_scalar(j, p) AS CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END`},
	{"the JSON text at the path (Trino's JSON type, as text)",
		`json_extract(j, p) AS CAST(system.main.json_extract(j, p) AS VARCHAR)`},
	{"NULL unless the text is a JSON array (DuckDB gives 0)",
		`json_array_length(j) AS CASE WHEN json_type(j) = 'ARRAY' THEN CAST(system.main.json_array_length(j) AS BIGINT) END`},
	{"Trino's regexp_like finds the pattern anywhere, like regexp_matches",
		`regexp_like(s, p) AS regexp_matches(s, p)`},
	{"NULL when the pattern does not match (DuckDB gives '')",
		`regexp_extract(s, p) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p, 0) END,
  (s, p, g) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p, g) END`},
	{"every match is replaced, and $1 in the replacement is group 1 (DuckDB: first match only, \\1)",
		`regexp_replace(s, p) AS system.main.regexp_replace(s, p, '', 'g'),
  (s, p, r) AS system.main.regexp_replace(s, p, system.main.regexp_replace(r, '\$([0-9])', '\\\1', 'g'), 'g')`},
	{"NULL past the last field (DuckDB gives '')",
		`split_part(s, d, i) AS CASE WHEN i > len(string_split(s, d)) THEN NULL ELSE system.main.split_part(s, d, i) END`},
	{"NULL when any argument is NULL (DuckDB's concat skips NULLs)",
		`concat(a, b) AS a || b, (a, b, c) AS a || b || c, (a, b, c, d) AS a || b || c || d,
  (a, b, c, d, e) AS a || b || c || d || e, (a, b, c, d, e, f) AS a || b || c || d || e || f`},
	{"array length (DuckDB's cardinality takes maps only)",
		`cardinality(a) AS CAST(len(a) AS BIGINT)`},
	{"array element, 1-based, negative from the end, NULL out of range",
		`element_at(a, i) AS list_extract(a, i)`},
	{"Monday = 1 ... Sunday = 7",
		`day_of_week(t) AS isodow(t)`},
	{"", `day_of_year(t) AS dayofyear(t)`},
	{"date_add(unit, n, t), Trino's argument order; date_add(t, interval) stays DuckDB's",
		`date_add(u, n, t) AS CASE lower(u)
    WHEN 'millisecond' THEN t + to_milliseconds(CAST(n AS DOUBLE))
    WHEN 'second' THEN t + to_seconds(CAST(n AS DOUBLE))
    WHEN 'minute' THEN t + to_minutes(CAST(n AS BIGINT))
    WHEN 'hour' THEN t + to_hours(CAST(n AS BIGINT))
    WHEN 'day' THEN t + to_days(CAST(n AS INTEGER))
    WHEN 'week' THEN t + to_days(7 * CAST(n AS INTEGER))
    WHEN 'month' THEN t + to_months(CAST(n AS INTEGER))
    WHEN 'quarter' THEN t + to_months(3 * CAST(n AS INTEGER))
    WHEN 'year' THEN t + to_years(CAST(n AS INTEGER)) END,
  (t, i) AS system.main.date_add(t, i)`},
	{"whole units elapsed from a to b, as Trino counts them (DuckDB's date_diff counts boundaries crossed)",
		`date_diff(u, a, b) AS system.main.date_sub(u, a, b)`},
	{"MySQL format specifiers (Trino's date_format) turned into strftime ones; %M is replaced first, as %i becomes %M",
		`trino_strftime_format(f) AS replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f,
    '%M', '%B'), '%i', '%M'), '%s', '%S'), '%W', '%A'), '%c', '%-m'), '%e', '%-d'), '%k', '%-H'), '%h', '%I'), '%l', '%-I'),
    '%v', '%V'), '%r', '%I:%M:%S %p'), '%T', '%H:%M:%S')`},
	{"", `date_format(t, f) AS strftime(t, trino_strftime_format(f))`},
	{"DuckDB's strptime needs a constant strftime format, which a macro cannot compute, so date_parse knows\n" +
		"-- these MySQL formats (any other gives NULL)",
		`date_parse(s, f) AS CASE f
    WHEN '%Y-%m-%d %H:%i:%s' THEN strptime(s, '%Y-%m-%d %H:%M:%S')
    WHEN '%Y-%m-%d %H:%i:%s.%f' THEN strptime(s, '%Y-%m-%d %H:%M:%S.%f')
    WHEN '%Y-%m-%dT%H:%i:%sZ' THEN strptime(s, '%Y-%m-%dT%H:%M:%SZ')
    WHEN '%Y-%m-%dT%H:%i:%s.%fZ' THEN strptime(s, '%Y-%m-%dT%H:%M:%S.%fZ')
    WHEN '%Y-%m-%dT%H:%i:%s' THEN strptime(s, '%Y-%m-%dT%H:%M:%S')
    WHEN '%Y-%m-%d' THEN strptime(s, '%Y-%m-%d')
    WHEN '%Y/%m/%d' THEN strptime(s, '%Y/%m/%d')
    WHEN '%Y%m%d' THEN strptime(s, '%Y%m%d')
    WHEN '%Y%m%dT%H%i%sZ' THEN strptime(s, '%Y%m%dT%H%M%SZ')
    WHEN '%d/%b/%Y:%H:%i:%s' THEN strptime(s, '%d/%b/%Y:%H:%M:%S')
    WHEN '%m/%d/%Y' THEN strptime(s, '%m/%d/%Y') END`},
	{"DuckDB's HyperLogLog estimate; compare it approximately",
		`approx_distinct(x) AS approx_count_distinct(x), (x, e) AS approx_count_distinct(x)`},
}

func duckdb(b *strings.Builder, o Options) {
	fmt.Fprintf(b, `-- trailhouse lake at %s, for DuckDB (generated by trailhouse ddl --engine duckdb).
-- The views cloudtrail_logs (alias cloudtrail) hold the flat columns of docs/schema.md,
-- the partition columns account, region and date (VARCHAR; __HIVE_DEFAULT_PARTITION__
-- reads as NULL), and Athena's nested shapes: useridentity, tlsdetails, addendum
-- (structs) and resources (a list of {arn, accountid, type}).
`, o.Location)
	if strings.Contains(o.Location, "://") {
		b.WriteString(`-- An s3:// lake needs the httpfs extension and credentials, e.g.:
--   INSTALL httpfs; LOAD httpfs; CREATE SECRET (TYPE s3, PROVIDER credential_chain);
`)
	}
	b.WriteString(`
-- Trino's session semantics: instants shown and truncated in UTC, NULLs last in
-- both ascending and descending order.
SET TimeZone = 'UTC';
SET default_null_order = 'nulls_last';

-- Trino functions, with Trino's semantics, under their Trino names.
`)
	for _, m := range duckdbMacros {
		if m.comment != "" {
			fmt.Fprintf(b, "-- %s\n", m.comment)
		}
		fmt.Fprintf(b, "CREATE OR REPLACE MACRO %s;\n", m.sql)
	}
	for _, t := range o.tables() {
		b.WriteString("\n")
		duckdbView(b, o, t)
		if t == TableEvents {
			fmt.Fprintf(b, "CREATE OR REPLACE VIEW cloudtrail AS SELECT * FROM %s;\n", TableEvents)
		}
	}
}

func duckdbView(b *strings.Builder, o Options, table string) {
	fmt.Fprintf(b, "CREATE OR REPLACE VIEW %s AS\nSELECT\n", table)
	var cols []string
	for _, c := range record.All() {
		cols = append(cols, duckIdent(c.Name))
	}
	for _, p := range partitionCols {
		cols = append(cols, duckIdent(p))
	}
	for _, f := range nested() {
		cols = append(cols, duckStruct(f, "  ")+" AS "+duckIdent(f.name))
	}
	names, lists := resourceFields()
	var parts []string
	for i, n := range names {
		parts = append(parts, fmt.Sprintf("%s := %s[i]", duckIdent(n), lists[i]))
	}
	cols = append(cols, fmt.Sprintf("CASE WHEN %s IS NULL THEN NULL ELSE list_transform(range(1, len(%s) + 1), i -> struct_pack(%s)) END AS resources",
		lists[0], lists[0], strings.Join(parts, ", ")))
	b.WriteString("  " + strings.Join(cols, ",\n  ") + "\n")
	fmt.Fprintf(b, "FROM read_parquet('%s/account=*/region=*/date=*/*.parquet', hive_partitioning = true,\n", o.tableDir(table))
	b.WriteString("  hive_types = {'account': 'VARCHAR', 'region': 'VARCHAR', 'date': 'VARCHAR'});\n")
}

func duckStruct(f *field, indent string) string {
	if f.col != nil {
		return duckIdent(f.col.Name)
	}
	var parts []string
	for _, c := range f.children {
		parts = append(parts, duckIdent(c.name)+" := "+duckStruct(c, indent+"  "))
	}
	return "struct_pack(" + strings.Join(parts, ", ") + ")"
}

// duckIdent quotes the names DuckDB reserves or reads as types.
func duckIdent(s string) string {
	switch s {
	case "date", "type":
		return `"` + s + `"`
	}
	return s
}
