// Package result writes a statement's rows (query.Rows) in the formats the
// CLI and the HTTP API offer: an aligned table for terminals, CSV, JSON,
// NDJSON, Parquet and Arrow IPC.
package result
