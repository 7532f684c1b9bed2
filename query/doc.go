// Package query is trailhouse's SQL engine for the lake: it is to answer the
// Athena/Trino dialect that analysts already use for CloudTrail, over the
// Parquet files that convert and partition write.
//
// A statement goes through three stages, each in its own package, and each
// consuming only the output of the one before it:
//
//   - parse (query/parse) turns text into a syntax tree, checking syntax
//     only. It reports errors with a line, a column and the offending
//     source line, and it prints any tree back to normalised SQL.
//   - plan (not yet written) is to resolve names against the lake schema
//     (docs/schema.md), check types and functions, and build a logical
//     plan, turning filters on account, region and date into partition
//     pruning.
//   - exec (not yet written) is to run the plan over the Parquet files.
package query
