// Package vec holds the engine's values in flight: SQL types, column
// vectors and batches of them, and the conversions between vectors and
// Arrow arrays at the edges (Parquet scans in, results out).
//
// A Vector is one column of a batch: a typed Go slice plus a NULL mask.
// Operators in query/exec pass *Batch values between them; functions in
// query/fn take and return vectors of the batch's length.
package vec
