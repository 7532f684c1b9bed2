// Package objstore is the plumbing under ingest and partition: a small
// object-store interface with a local-directory implementation. Keys are
// slash-separated and relative to the store's root; a key can never name
// anything outside the root.
//
// # S3
//
// S3 implements the same Store contract over a bucket and a root prefix
// in it, with aws-sdk-go-v2; Open takes either a local path or an
// s3://bucket/prefix URI, so a command can read from and write to either.
// Credentials come from the SDK's standard chain (environment, shared
// config and profile, SSO, web identity, ECS and EC2 roles) unless static
// ones are given (tests); they are never logged or put into errors.
//
// List and ListDirs are ListObjectsV2 (with Delimiter "/" for ListDirs),
// page by page, in S3's lexical (UTF-8 byte) order. Stat is HeadObject,
// Open a streamed GetObject; both report a missing key (NoSuchKey, or a
// HEAD's 404) as ErrNotFound, wrapped with the s3:// URI. Open returns the
// stored bytes: nothing decompresses an object stored with
// Content-Encoding: gzip.
//
// Visibility: Create spools the object to a local temporary file, and
// Commit uploads it with one PutObject, or above a threshold (64 MiB) as a
// multipart upload whose parts are read from the file as they are sent.
// S3 makes an object visible only when its PUT or CompleteMultipartUpload
// succeeds, all at once, so readers see the old or the new object. Abort,
// and a failed Commit, leave nothing: no object and, since a failed
// multipart upload is aborted, no pending upload.
//
// Conditional create: PutIfAbsent is a PutObject with If-None-Match: *,
// which S3 checks atomically; 412 PreconditionFailed means the key exists
// (ErrExists). 409 ConditionalRequestConflict (a concurrent operation on
// the key) is retried, and reported as ErrExists if it persists.
//
// Retries: the SDK's standard retryer retries throttling (503 SlowDown),
// 5xx and connection errors with exponential backoff and jitter, at most
// S3Options.MaxRetries times per request, and gives up when the context
// ends.
//
// Request counting: Stats counts the HTTP requests actually sent (once
// their headers are written to a connection), so each retry counts and an
// attempt that never left does not. LIST is ListObjectsV2 pages (and
// ListMultipartUploads), GET GetObject, HEAD HeadObject, PUT PutObject,
// each UploadPart, CreateMultipartUpload and CompleteMultipartUpload (the
// PUT-class requests S3 bills), DELETE DeleteObject and
// AbortMultipartUpload. BytesRead are object bytes handed to readers,
// BytesWritten object bytes of PUTs and parts that succeeded.
//
// The tests run one conformance suite (suite_test.go) on Dir, on S3
// against an in-process gofakes3 server, and on S3 against a real MinIO
// server (make test-minio); see internal/s3test.
package objstore
