// Package pq reads the lake's Parquet files lean, for query/exec scans.
//
// ReadFooter decodes only what a scan needs from a file's footer (schema
// leaves, row group sizes, column chunk locations, statistics and bloom
// filter locations) in one ranged read of the file's tail. ReadColumn reads
// one column chunk in one ranged read and decodes it straight into a
// vec.Vector, with the dictionary codes of a text chunk that is
// dictionary-encoded throughout; ReadColumnCoded gives such a chunk as
// codes only, without a string per row. BloomFilter reads a chunk's
// split-block bloom filter.
//
// The reader covers what the lake's writers produce: data pages v1 and v2,
// dictionary pages, codecs UNCOMPRESSED, SNAPPY, GZIP and ZSTD, encodings
// PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY, RLE, DELTA_BINARY_PACKED,
// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY, flat columns and lists of
// scalars. Anything else is an error wrapping ErrUnsupported, and the
// caller falls back to a general reader (arrow-go's pqarrow).
package pq
