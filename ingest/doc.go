// Package ingest is the first stage of trailhouse: it finds the CloudTrail
// objects under a source (a local directory now, S3 through the same
// objstore.Store interface) and says what each one is from its key, so that
// Digest objects are skipped and Insight objects routed on purpose.
//
// The key layout it understands is CloudTrail's:
//
//	[prefix/]AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail[-Digest|-Insight]/REGION/YYYY/MM/DD/NAME
//
// Objects outside that layout are accepted as exports when their name ends
// in .json, .jsonl or .ndjson (optionally .gz); they carry no account or
// region hint.
package ingest
