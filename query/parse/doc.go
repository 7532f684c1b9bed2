// Package parse is the first stage of the query engine (parse → plan →
// exec): it turns the text of one Trino/Athena SQL statement into a syntax
// tree, and the tree back into text. It checks syntax only; names, types
// and function existence are for the planner.
//
// Parse accepts queries (SELECT, WITH, VALUES, set operations, ORDER BY,
// OFFSET, LIMIT, FETCH FIRST), EXPLAIN [ANALYZE], SHOW TABLES,
// SHOW PARTITIONS, SHOW COLUMNS and DESCRIBE. ParseScript and Split handle
// several statements separated by ";". Statements that change data or
// metadata, and a few query features (GROUPING SETS, ROLLUP, CUBE, WINDOW
// clauses, named windows, NATURAL JOIN, WITH RECURSIVE, MATCH_RECOGNIZE,
// JSON_* forms), are rejected with an error that says so.
//
// Contracts:
//
//   - The grammar and its precedence are Trino's: OR < AND < NOT <
//     predicates (comparison, IS, IN, LIKE, BETWEEN; these do not chain) <
//     || < + - < * / % < unary sign < AT TIME ZONE < postfix ([], .field).
//     Keywords are case-insensitive. Trino's reserved words must be
//     double-quoted to be names; every other word (date, year, account,
//     region, position, first, rows, ...) is an ordinary name where the
//     grammar allows one, so DATE '2024-01-01' is a literal but date is a
//     column.
//   - Every node records the position (line, column, byte offset) of its
//     first token. Identifiers keep their spelling; Ident.Canonical gives the
//     case-folded form for name resolution.
//   - Format (and every node's String) prints normalised SQL: keywords
//     upper-case, minimal parentheses. Parse(Format(s)) equals s up to
//     positions, for every s that Parse returns.
//   - Errors are *Error values that locate the offending token, and
//     Error.Pretty shows the source line with a caret under it.
//   - The parser never panics, and it stops with an error at MaxDepth levels
//     of nesting instead of exhausting the stack. Its work is linear in the
//     input.
package parse
