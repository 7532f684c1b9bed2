// Package convert is the second stage of trailhouse: it turns one CloudTrail
// object's bytes into flattened rows (record.Row).
//
// Decoder reads an object as a stream and yields one item at a time, so
// memory stays bounded by the largest single event, not by the object. It
// accepts the shapes CloudTrail data arrives in: {"Records":[...]} (what
// CloudTrail writes to S3), a bare array of events, newline-delimited events,
// a single event, and the wrappers that carry an event inside another
// document (EventBridge "detail", CloudWatch Logs "logEvents[].message",
// lookup-events "CloudTrailEvent"). Digest objects are recognised and
// reported, never turned into rows.
//
// Gzip objects are read by klauspost/compress's streaming gzip reader,
// one per Decoder, reused. Decoder.NextRow flattens each event as it
// finds the event's end: one pass over its bytes.
//
// Flatten maps one event onto the typed columns of record.Row. Nothing is
// ever dropped: a key with no column, a value whose JSON type does not fit
// its column, a JSON null, or a time in a non-canonical form is kept verbatim
// in the row's _extra JSON object at its original path. Rebuild is the
// inverse: the event rebuilt from a row equals the original (as parsed JSON).
package convert
