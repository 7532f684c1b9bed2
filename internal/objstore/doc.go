// Package objstore is the plumbing under ingest and partition: a small
// object-store interface with a local-directory implementation. Keys are
// slash-separated and relative to the store's root; a key can never name
// anything outside the root.
package objstore
