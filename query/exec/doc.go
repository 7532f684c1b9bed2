// Package exec runs logical plans (query/plan) over the lake: a tree of
// operators that pass batches of column vectors (query/vec) upwards, a
// Parquet scan that reads only the partitions, row groups and columns a
// plan needs, in parallel, and the hash, sort and window operators above
// it, each in its own file.
//
// Operators are pulled: Next returns the next batch or nil at the end.
// Operators that buffer rows account for them in a Budget, so a query over
// its memory limit fails with ErrMemoryLimit instead of exhausting the
// machine.
package exec
