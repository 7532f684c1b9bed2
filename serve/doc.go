// Package serve answers SQL over the lake for other programs: an Arrow
// Flight SQL server (for BI tools through the Flight SQL JDBC and ADBC
// drivers, and for arrow-go's database/sql driver) and an HTTP endpoint,
// POST /v1/query, for scripts and curl. Both run the query engine
// (package query) and share one set of guards: authentication (bearer
// tokens or basic auth, compared in constant time), TLS, a cap on
// concurrent queries, and per-query memory and time limits, so that one bad
// query cannot take the server down. The server is read-only by
// construction: the engine only reads, and every Flight update or ingest
// call is refused with PermissionDenied.
//
// Subpackage ddl prints CREATE statements for other engines; it does not
// depend on this package.
package serve
