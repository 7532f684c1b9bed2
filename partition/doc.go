// Package partition is the third stage of trailhouse: it takes flattened
// rows from convert, assigns each to its Hive partition
// (table/account=…/region=…/date=YYYY-MM-DD/ by the event's own UTC date),
// sorts them with bounded memory (spilling sorted runs to disk), drops exact
// duplicates, and writes one zstd Parquet file per partition per run through
// an objstore.Store, atomically and under a deterministic name.
//
// Compact merges a partition's files into target-size files, dropping
// duplicates across them. docs/layout.md is the written contract of the
// files this package produces.
package partition
