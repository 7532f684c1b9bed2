// Package query is trailhouse's SQL engine for the lake: it answers the
// Athena/Trino dialect that analysts already use for CloudTrail, over the
// Parquet files that convert and partition write (docs/query.md).
//
// A statement goes through three stages, each in its own package, and each
// consuming only the output of the one before it:
//
//   - parse (query/parse) turns text into a syntax tree, checking syntax
//     only. It reports errors with a line, a column and the offending
//     source line, and it prints any tree back to normalised SQL.
//   - plan (query/plan) resolves names against the lake schema
//     (docs/schema.md) and Athena's nested names, checks types, resolves
//     functions (query/fn) and builds a logical plan, then pushes filters
//     into the scans and prunes unused columns.
//   - exec (query/exec) runs the plan over batches of column vectors
//     (query/vec), reading only the partitions, row groups and columns the
//     scans need, in parallel.
//
// Engine ties them together and streams results as Arrow record batches;
// query/result writes them as a table, CSV, JSON, Parquet or Arrow IPC.
package query
