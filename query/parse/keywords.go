package parse

// reserved is Trino's list of reserved keywords: these cannot be used as
// names unless double-quoted. Every other keyword (DATE, YEAR, FIRST, ROWS,
// LIMIT, ...) is also an ordinary identifier where the grammar allows one.
var reserved = map[string]bool{
	"ALTER": true, "AND": true, "AS": true, "BETWEEN": true, "BY": true, "CASE": true, "CAST": true,
	"CONSTRAINT": true, "CREATE": true, "CROSS": true, "CUBE": true, "CURRENT_CATALOG": true,
	"CURRENT_DATE": true, "CURRENT_PATH": true, "CURRENT_ROLE": true, "CURRENT_SCHEMA": true,
	"CURRENT_TIME": true, "CURRENT_TIMESTAMP": true, "CURRENT_USER": true, "DEALLOCATE": true,
	"DELETE": true, "DESCRIBE": true, "DISTINCT": true, "DROP": true, "ELSE": true, "END": true,
	"ESCAPE": true, "EXCEPT": true, "EXECUTE": true, "EXISTS": true, "EXTRACT": true, "FALSE": true,
	"FOR": true, "FROM": true, "FULL": true, "GROUP": true, "GROUPING": true, "HAVING": true, "IN": true,
	"INNER": true, "INSERT": true, "INTERSECT": true, "INTO": true, "IS": true, "JOIN": true,
	"JSON_ARRAY": true, "JSON_EXISTS": true, "JSON_OBJECT": true, "JSON_QUERY": true, "JSON_TABLE": true,
	"JSON_VALUE": true, "LEFT": true, "LIKE": true, "LISTAGG": true, "LOCALTIME": true,
	"LOCALTIMESTAMP": true, "NATURAL": true, "NORMALIZE": true, "NOT": true, "NULL": true, "ON": true,
	"OR": true, "ORDER": true, "OUTER": true, "PREPARE": true, "RECURSIVE": true, "RIGHT": true,
	"ROLLUP": true, "SELECT": true, "SKIP": true, "TABLE": true, "THEN": true, "TRIM": true, "TRUE": true,
	"UESCAPE": true, "UNION": true, "UNNEST": true, "USING": true, "VALUES": true, "WHEN": true,
	"WHERE": true, "WITH": true,
}

// isReserved reports whether the upper-cased word is reserved.
func isReserved(up string) bool { return reserved[up] }

// notImplicitAlias lists non-reserved words that start a clause after a
// select item or a relation, so they are never taken as an alias written
// without AS (write AS limit to use one as an alias).
var notImplicitAlias = map[string]bool{
	"LIMIT": true, "OFFSET": true, "FETCH": true, "WINDOW": true, "TABLESAMPLE": true,
	"MATCH_RECOGNIZE": true,
}

// unsupportedStatements maps the first keyword of statements that are valid
// Trino but that this engine does not run.
var unsupportedStatements = map[string]bool{
	"INSERT": true, "CREATE": true, "DROP": true, "DELETE": true, "ALTER": true, "UPDATE": true,
	"MERGE": true, "MSCK": true, "USE": true, "PREPARE": true, "EXECUTE": true, "DEALLOCATE": true,
	"CALL": true, "GRANT": true, "REVOKE": true, "DENY": true, "SET": true, "RESET": true,
	"START": true, "COMMIT": true, "ROLLBACK": true, "ANALYZE": true, "REFRESH": true,
	"TRUNCATE": true, "COMMENT": true, "UNLOAD": true, "VACUUM": true, "OPTIMIZE": true,
}

// extractFields are the fields EXTRACT accepts.
var extractFields = map[string]bool{
	"YEAR": true, "QUARTER": true, "MONTH": true, "WEEK": true, "DAY": true, "DAY_OF_MONTH": true,
	"DAY_OF_WEEK": true, "DOW": true, "DAY_OF_YEAR": true, "DOY": true, "YEAR_OF_WEEK": true,
	"YOW": true, "HOUR": true, "MINUTE": true, "SECOND": true, "TIMEZONE_HOUR": true,
	"TIMEZONE_MINUTE": true,
}

// intervalFields are the units of interval literals and types.
var intervalFields = map[string]bool{
	"YEAR": true, "MONTH": true, "DAY": true, "HOUR": true, "MINUTE": true, "SECOND": true,
}

// literalTypes are the type names that may prefix a string literal to form
// a typed literal (DATE '2024-01-01'). Any other name before a string is a
// syntax error rather than an unknown type.
var literalTypes = map[string]bool{
	"DATE": true, "TIME": true, "TIMESTAMP": true, "DECIMAL": true, "REAL": true, "DOUBLE": true,
	"BIGINT": true, "INTEGER": true, "INT": true, "SMALLINT": true, "TINYINT": true, "VARCHAR": true,
	"CHAR": true, "JSON": true, "IPADDRESS": true, "UUID": true, "BOOLEAN": true, "VARBINARY": true,
	"IPPREFIX": true,
}

// editDistance is the Levenshtein distance between two short ASCII words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
