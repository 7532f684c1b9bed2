package query_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/query"
)

// TestScalarSemantics checks functions and operators against the answers
// Trino gives (values as the table format prints them).
func TestScalarSemantics(t *testing.T) {
	store, err := objstore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := openEngine(t, store, optionsFixedClock())
	cases := []struct{ expr, want string }{
		{"try(1 / 0)", "NULL"},
		{"array_union(ARRAY['b', 'a', 'b'], ARRAY['c', 'a'])", "[b, a, c]"},
		{"array_except(ARRAY[3, 1, 3, 2], ARRAY[2])", "[3, 1]"},
		{"array_intersect(ARRAY[3, 1, 2], ARRAY[2, 3])", "[3, 2]"},
		{"array_max(ARRAY[1, NULL, 3])", "NULL"},
		{"strpos('a.b.c', '.', 2)", "4"},
		{"strpos('aaa', 'aa', 2)", "2"},
		{"strpos('xaxax', 'xax', 2)", "3"},
		{"JSON_VALUE('{\"a-b\": 1}', 'lax $.\"a-b\"')", "1"},
		{"contains('10.0.0.0/8', 'ec2.amazonaws.com')", "NULL"},
		{"JSON_VALUE('{\"items\": [{\"id\": \"i-1\"}]}', 'lax $.items.id')", "i-1"},
		{"JSON_VALUE('{\"items\": [{\"id\": \"i-1\"}]}', 'strict $.items.id')", "NULL"},
		{"JSON_VALUE('{\"t\": [1, 2, 3]}', '$.t[last]')", "3"},
		{"JSON_VALUE('{\"t\": [1, 2, 3]}', '$.t[last - 2]')", "1"},
		{"JSON_VALUE('{\"t\": [1, 2]}', '$.t[*]')", "NULL"},
		{"JSON_VALUE('{\"a\": 1}', '$.b' DEFAULT 'none' ON EMPTY)", "none"},
		{"JSON_VALUE('{\"a\": [1]}', '$.a' DEFAULT 'x' ON ERROR)", "x"},
		// A JSON null is SQL NULL, not an error: the ON ERROR default does not apply.
		{"JSON_VALUE('{\"a\": null}', '$.a' DEFAULT 'x' ON ERROR)", "NULL"},
		{"JSON_VALUE('{\"a\": {\"b\": null}}', 'strict $.a.b' DEFAULT 'x' ON ERROR)", "NULL"},
		{"JSON_VALUE('{\"a\": 5}', 'lax $.a[0]')", "5"},
		{"JSON_VALUE('[{\"a\": 5}]', 'lax $.a')", "5"},
		{"JSON_VALUE('{\"a\": [1]}', 'lax $.a[3]' DEFAULT 'x' ON EMPTY)", "x"},
		{"JSON_VALUE('{\"a\": [1]}', 'strict $.a[3]' DEFAULT 'x' ON EMPTY)", "NULL"},
		{"sequence(1, 5)", "[1, 2, 3, 4, 5]"},
		{"sequence(3, 1)", "[3, 2, 1]"},
		{"sequence(1, 10, 4)", "[1, 5, 9]"},
		{"sequence(DATE '2024-02-28', DATE '2024-03-01')", "[2024-02-28, 2024-02-29, 2024-03-01]"},
		{"sequence(DATE '2024-01-31', DATE '2024-05-01', INTERVAL '1' MONTH)", "[2024-01-31, 2024-02-29, 2024-03-31, 2024-04-30]"},
		{"sequence(DATE '2024-01-10', DATE '2024-01-01', INTERVAL '-4' DAY)", "[2024-01-10, 2024-01-06, 2024-01-02]"},
		{"sequence(TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 01:00:00', INTERVAL '30' MINUTE)", "[2024-01-01 00:00:00.000 UTC, 2024-01-01 00:30:00.000 UTC, 2024-01-01 01:00:00.000 UTC]"},
		{"cardinality(sequence(1, 10000))", "10000"},
		{"try(sequence(1, 10001))", "NULL"},
		{"try(sequence(-9223372036854775807, 9223372036854775807))", "NULL"},
		{"try(sequence(1, 5, -1))", "NULL"},
		{"try(sequence(1, 5, 0))", "NULL"},
		{"try(sequence(DATE '2024-01-01', DATE '2024-01-02', INTERVAL '1' HOUR))", "NULL"},
		{"regexp_position('aXbXc', 'X', 1, 2)", "4"},
		{"sign(-2.5e0)", "-1"},
		{"log(2, 8)", "3"},
		{"last_day_of_month(DATE '2024-02-10')", "2024-02-29"},
		{"bit_count(-1, 8)", "8"},
		{"levenshtein_distance('kitten', 'sitting')", "3"},
		{"CAST('::ffff:10.1.2.3' AS IPADDRESS)", "10.1.2.3"},
		{"CAST('2001:DB8:0::1' AS IPADDRESS)", "2001:db8::1"},
		{"try_cast('AWS Internal' AS IPADDRESS)", "NULL"},
		{"contains('10.1.0.0/8', CAST('10.200.3.4' AS IPADDRESS))", "true"},
		{"contains('10.0.0.0/8', '11.0.0.1')", "false"},
		{"contains('2600:1f18::/32', '2600:1f18:aa::1')", "true"},
		{"try(CAST('x' AS bigint))", "NULL"},
		{"try(CAST('7' AS bigint))", "7"},
		{"CAST(2.345 AS DECIMAL(5, 2))", "2.35"},
		{"CAST('1.5' AS DECIMAL)", "2"},
		{"to_iso8601(DATE '2026-01-02')", "2026-01-02"},
		{"format_datetime(TIMESTAMP '2026-01-02 15:04:05', 'E d MMM yyyy, h:mm a')", "Fri 2 Jan 2026, 3:04 PM"},
		{"parse_datetime('Jan 2, 2026, 3:04:05 PM', 'MMM d, yyyy, h:mm:ss a')", "2026-01-02 15:04:05.000 UTC"},
		{"date_format(TIMESTAMP '2027-01-01 00:00:00', '%x-%v')", "2026-53"},
		{"array_sort(ARRAY['b', NULL, 'a'])", "[a, b, NULL]"},
		{"arrays_overlap(ARRAY[1, 2], ARRAY[2, 3])", "true"},
		{"arrays_overlap(ARRAY[1, NULL], ARRAY[3])", "NULL"},
		{"arrays_overlap(ARRAY[1], ARRAY[3])", "false"},
		{"slice(ARRAY[1, 2, 3, 4], 2, 2)", "[2, 3]"},
		{"slice(ARRAY[1, 2, 3, 4], -2, 5)", "[3, 4]"},
		{"slice(ARRAY[1, 2], 5, 1)", "[]"},
		{"concat_ws(':', 'a', NULL, 'b')", "a:b"},
		{"concat_ws(NULL, 'a')", "NULL"},
		{"concat_ws('-', ARRAY['x', NULL, 'y'])", "x-y"},
		{"url_extract_host('https://signin.aws.amazon.com:443/console?x=1')", "signin.aws.amazon.com"},
		{"url_extract_host('no-scheme/path')", "NULL"},
		{"url_extract_port('https://h:8443/x')", "8443"},
		{"url_extract_parameter('https://h/x?a=1&b=2', 'b')", "2"},
		{"truncate(-2.7)", "-2"},
		{"truncate(3.14159, 2)", "3.14"},
		{`regexp_extract_all('iam::111: iam::222:', 'iam::(\d+):', 1)`, "[111, 222]"},
		{"transform(ARRAY[1, 2, NULL], x -> x * 10)", "[10, 20, NULL]"},
		{"transform(ARRAY['a'], x -> x || 'b')", "[ab]"},
		{"filter(ARRAY['a', 'bb', NULL, 'ccc'], s -> length(s) > 1)", "[bb, ccc]"},
		{"any_match(ARRAY[1, NULL], x -> x > 0)", "true"},
		{"any_match(ARRAY[0, NULL], x -> x > 0)", "NULL"},
		{"any_match(ARRAY[0], x -> x > 0)", "false"},
		{"all_match(ARRAY[1, NULL], x -> x > 0)", "NULL"},
		{"all_match(ARRAY[0, NULL], x -> x > 0)", "false"},
		{"all_match(ARRAY[], x -> false)", "true"},
		{"none_match(ARRAY[1, 2], x -> x > 5)", "true"},
		{"transform(CAST(NULL AS array(bigint)), x -> x)", "NULL"},
		{"transform(ARRAY[ARRAY[1, 2], ARRAY[3]], a -> transform(a, x -> x + cardinality(a)))", "[[3, 4], [4]]"},
		{"hour(TIMESTAMP '2026-01-02 03:00:00' AT TIME ZONE 'America/New_York')", "22"},
		{"at_timezone(TIMESTAMP '2026-07-02 03:00:00', 'America/New_York')", "2026-07-01 23:00:00.000 UTC"},
		{"at_timezone(TIMESTAMP '2026-01-02 03:00:00', '-08:00')", "2026-01-01 19:00:00.000 UTC"},
		{"TIMESTAMP '2026-01-02 03:00:00' AT TIME ZONE 'UTC'", "2026-01-02 03:00:00.000 UTC"},
		{"try(at_timezone(TIMESTAMP '2026-01-02 03:00:00', 'Mars/Base'))", "NULL"},
		{"substr('hello', 2, 3)", "ell"},
		{"substr('hello', -3)", "llo"},
		{"substr('hello', 0)", ""},
		{"substring('hello' FROM 2 FOR 2)", "el"},
		{"strpos('hello', 'l')", "3"},
		{"strpos('hello', 'z')", "0"},
		{"position('lo' IN 'hello')", "4"},
		{"split_part('a,b,c', ',', 2)", "b"},
		{"split_part('a,b', ',', 5)", "NULL"},
		{"length('héllo')", "5"},
		{"upper('abc') || lower('DEF')", "ABCdef"},
		{"trim('  x  ')", "x"},
		{"trim(LEADING 'x' FROM 'xxaxx')", "axx"},
		{"concat('a', 'b', 'c')", "abc"},
		{"concat('a', NULL)", "NULL"},
		{"starts_with('abc', 'ab')", "true"},
		{"replace('a-b-c', '-', '+')", "a+b+c"},
		{"regexp_like('abc', 'b')", "true"},
		{`regexp_extract('a1b22', '\d+')`, "1"},
		{`regexp_extract('a1b22', '([a-z])(\d+)', 2)`, "1"},
		{`regexp_extract('abc', '\d')`, "NULL"},
		{`regexp_replace('a1b2', '\d')`, "ab"},
		{"regexp_replace('abc', '(b)', '[$1]')", "a[b]c"},
		{`json_extract_scalar('{"a":{"b":1}}', '$.a.b')`, "1"},
		{`json_extract_scalar('{"a":"x"}', '$.a')`, "x"},
		{`json_extract_scalar('{"a":[1,2]}', '$.a')`, "NULL"},
		{`json_extract_scalar('{"a":[1,2]}', '$.a[1]')`, "2"},
		{`json_extract_scalar('{"a b":true}', '$["a b"]')`, "true"},
		{`json_extract_scalar('{"a":null}', '$.a')`, "NULL"},
		{`json_extract('{"a":{"b": [1, 2]}}', '$.a')`, `{"b":[1,2]}`},
		{`json_array_length('[1,2,3]')`, "3"},
		{`json_extract_scalar('not json', '$.a')`, "NULL"},
		{"date_trunc('hour', TIMESTAMP '2024-03-14 10:23:45')", "2024-03-14 10:00:00.000 UTC"},
		{"date_trunc('week', TIMESTAMP '2024-03-14 10:00:00')", "2024-03-11 00:00:00.000 UTC"},
		{"date_trunc('month', DATE '2024-03-14')", "2024-03-01"},
		{"date_add('day', 1, TIMESTAMP '2024-02-28 00:00:00')", "2024-02-29 00:00:00.000 UTC"},
		{"date_add('month', 1, TIMESTAMP '2024-01-31 12:00:00')", "2024-02-29 12:00:00.000 UTC"},
		{"date_add('hour', -2, TIMESTAMP '2024-03-14 01:00:00')", "2024-03-13 23:00:00.000 UTC"},
		{"date_diff('day', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-03-01 00:00:00')", "60"},
		{"date_diff('hour', TIMESTAMP '2024-01-01 10:00:00', TIMESTAMP '2024-01-01 08:30:00')", "-1"},
		{"date_diff('month', DATE '2024-01-15', DATE '2024-03-14')", "1"},
		{"date_format(TIMESTAMP '2024-03-14 10:05:09', '%Y-%m-%d %H:%i:%s')", "2024-03-14 10:05:09"},
		{"date_parse('2024-03-14 10:05', '%Y-%m-%d %H:%i')", "2024-03-14 10:05:00.000 UTC"},
		{"to_unixtime(TIMESTAMP '1970-01-02 00:00:00')", "86400"},
		{"from_unixtime(86400)", "1970-01-02 00:00:00.000 UTC"},
		{"from_iso8601_timestamp('2024-03-14T10:00:00Z')", "2024-03-14 10:00:00.000 UTC"},
		{"from_iso8601_timestamp('2024-03-14T10:00:00+02:00')", "2024-03-14 08:00:00.000 UTC"},
		{"year(TIMESTAMP '2024-03-14 00:00:00')", "2024"},
		{"day_of_week(DATE '2024-03-14')", "4"},
		{"extract(hour FROM TIMESTAMP '2024-03-14 10:00:00')", "10"},
		{"DATE '2024-03-01' - INTERVAL '1' DAY", "2024-02-29"},
		{"TIMESTAMP '2024-03-01 00:00:00' + INTERVAL '90' MINUTE", "2024-03-01 01:30:00.000 UTC"},
		{"TIMESTAMP '2024-03-31 00:00:00' - INTERVAL '1' MONTH", "2024-02-29 00:00:00.000 UTC"},
		{"current_date", "2026-01-04"},
		{"current_timestamp - INTERVAL '1' DAY", "2026-01-03 00:00:00.000 UTC"},
		{"CAST('12' AS bigint) + 1", "13"},
		{"TRY_CAST('x' AS bigint)", "NULL"},
		{"CAST(2.5 AS bigint)", "3"},
		{"CAST(-2.5e0 AS bigint)", "-3"},
		{"CAST(1e7 AS varchar)", "1.0E7"},
		{"CAST(1.5e-4 AS varchar)", "1.5E-4"},
		{"CAST(3.5 AS bigint)", "4"},
		{"CAST(TIMESTAMP '2024-03-14 10:00:00' AS varchar)", "2024-03-14 10:00:00.000"},
		{"CAST('2024-03-14' AS date)", "2024-03-14"},
		{"CAST(1 AS varchar) || 'x'", "1x"},
		{"CAST('true' AS boolean)", "true"},
		{"coalesce(NULL, 2, 3)", "2"},
		{"if(1 > 2, 'a', 'b')", "b"},
		{"if(1 > 2, 'a')", "NULL"},
		{"nullif(1, 1)", "NULL"},
		{"nullif(1, 2)", "1"},
		{"greatest(1, 5, 3)", "5"},
		{"least('b', 'a')", "a"},
		{"cardinality(ARRAY[1, 2, 3])", "3"},
		{"element_at(ARRAY['a', 'b'], 2)", "b"},
		{"element_at(ARRAY['a'], 5)", "NULL"},
		{"ARRAY[10, 20][2]", "20"},
		{"contains(ARRAY['a', 'b'], 'b')", "true"},
		{"array_join(ARRAY['a', 'b'], '-')", "a-b"},
		{"CASE WHEN 1 = 1 THEN 'y' ELSE 'n' END", "y"},
		{"CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "two"},
		{"CASE WHEN false THEN CAST('x' AS bigint) ELSE 0 END", "0"},
		{"7 / 2", "3"},
		{"-7 / 2", "-3"},
		{"7 % 3", "1"},
		{"7 / 2.0", "3.5"},
		{"round(2.5)", "3"},
		{"round(-2.5)", "-3"},
		{"round(1.2345, 2)", "1.23"},
		{"abs(-4)", "4"},
		{"'abc' LIKE 'a%'", "true"},
		{"'abc' LIKE '_b_'", "true"},
		{`'a_c' LIKE 'a\_c' ESCAPE '\'`, "true"},
		{`'abc' LIKE 'a\_c' ESCAPE '\'`, "false"},
		{"'abc' NOT LIKE '%z%'", "true"},
		{"3 BETWEEN 1 AND 5", "true"},
		{"3 NOT BETWEEN 1 AND 5", "false"},
		{"2 IN (1, 2)", "true"},
		{"NULL IN (1)", "NULL"},
		{"3 IN (1, NULL)", "NULL"},
		{"3 NOT IN (1, 2)", "true"},
		{"NULL = NULL", "NULL"},
		{"NULL IS NULL", "true"},
		{"1 IS DISTINCT FROM NULL", "true"},
		{"NULL IS NOT DISTINCT FROM NULL", "true"},
		{"true AND NULL", "NULL"},
		{"false AND NULL", "false"},
		{"true OR NULL", "true"},
		{"NOT (1 = 2)", "true"},
	}
	for _, c := range cases {
		rows, _ := run(t, e, "SELECT "+c.expr)
		if len(rows) != 1 || rows[0][0] != c.want {
			t.Errorf("SELECT %s = %v, want %q", c.expr, rows, c.want)
		}
	}
	// Errors that must be errors, not NULLs; those found at run time name
	// the value.
	for expr, want := range map[string]string{
		"CAST('x' AS bigint)":     `cannot cast varchar "x" to bigint`,
		"1 / 0":                   "division by zero",
		"regexp_like('a', '(')":   "bad regular expression",
		"split_part('a', ',', 0)": "must be at least 1",
		"date_trunc('fortnight', current_timestamp)":    `unknown time unit "fortnight"`,
		"CAST(x AS bigint) FROM (VALUES 'one') AS t(x)": `cannot cast varchar "one" to bigint`,
	} {
		err := queryErr(e, "SELECT "+expr)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("SELECT %s: got error %v, want one saying %q", expr, err, want)
		}
	}
}

// queryErr runs sql to the end and returns its error.
func queryErr(e *query.Engine, sql string) error {
	rows, err := e.Query(context.Background(), sql)
	if err != nil {
		return err
	}
	batches, err := query.Collect(context.Background(), rows)
	for _, b := range batches {
		b.Release()
	}
	return err
}

func optionsFixedClock() query.Options {
	return query.Options{Now: func() time.Time { return time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC) }}
}
