// Package record defines the lake's row: the flattened CloudTrail event that
// convert produces, partition writes as Parquet and query reads.
//
// The column table (Columns) is the single source of truth for the schema:
// the Parquet schema, the flattening rules in convert, the rebuild of the
// original event, and docs/schema.md are all derived from or checked against
// it. Column names are Athena's lower-case names; nested CloudTrail objects
// are flattened with '_' between path elements (userIdentity.sessionContext.
// sessionIssuer.arn becomes useridentity_sessioncontext_sessionissuer_arn).
package record
