// Package ddl writes the statements that let other engines read the lake:
// Athena, Trino, Spark and DuckDB. It derives every column from
// internal/record (the schema's single source of truth), so the statements
// follow the schema when it changes.
//
// Each engine gets the flat, typed table exactly as the Parquet files store
// it (docs/schema.md), partitioned by account, region and date, plus a view
// with the nested CloudTrail shapes analysts know from Athena's CloudTrail
// table: useridentity, tlsdetails and addendum as structs, and resources as
// an array of (arn, accountid, type) rows. docs/engines.md documents the
// type mapping and how to use each engine's output.
//
// Contracts:
//
//   - Generate is deterministic: the same Options give the same text.
//   - The text is a script of statements, each ending in ";" on its own
//     line end, with "--" comments; it can be pasted into the engine's
//     console or run statement by statement.
//   - Location is the lake root (the directory or s3:// prefix holding
//     cloudtrail_logs/ and insights/), never a table directory.
package ddl
