// Package plan turns a parsed statement into a logical plan: it resolves
// names against the lake's tables (Athena's nested names included), checks
// types and resolves functions in query/fn, and rewrites the plan so that
// filters sit as low as they can go (into the scan, where they prune
// partitions and row groups) and scans read only the columns used.
//
// Every column a node outputs has a plan-wide ID; expressions refer to
// columns by ID, so rewrites never renumber anything. query/exec runs the
// result.
package plan
