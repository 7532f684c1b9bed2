// Package partition is the third stage of trailhouse: it takes flattened
// rows from convert, assigns each to its Hive partition
// (table/account=…/region=…/date=YYYY-MM-DD/ by the event's own UTC date),
// sorts them with bounded memory (spilling sorted runs to disk), drops exact
// duplicates, and writes one zstd Parquet file per partition per run through
// an objstore.Store, atomically and under a deterministic name.
//
// Partitions are dealt to lanes, one per writer: each lane has its own
// sorted runs and its own merge, so the writers work on different
// partitions at once, and files are committed apart from the writing
// (Config.Commits at a time).
//
// Compact merges a partition's files into target-size files, dropping
// duplicates across them. docs/layout.md is the written contract of the
// files this package produces.
package partition
