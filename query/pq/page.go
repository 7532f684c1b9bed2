package pq

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/snappy"
	"github.com/klauspost/compress/zstd"
)

// Page types.
const (
	pageData       = 0
	pageIndex      = 1
	pageDictionary = 2
	pageDataV2     = 3
)

// Encodings.
const (
	encPlain          = 0
	encPlainDict      = 2
	encRLE            = 3
	encBitPacked      = 4
	encDeltaBinary    = 5
	encDeltaLength    = 6
	encDeltaByteArray = 7
	encRLEDict        = 8
)

// pageHeader is the part of a PageHeader the reader uses.
type pageHeader struct {
	typ          int32
	uncompressed int32
	compressed   int32
	numValues    int32 // data pages (v1, v2) and dictionary pages
	encoding     int32
	defEnc       int32 // v1
	repEnc       int32 // v1
	defLen       int32 // v2
	repLen       int32 // v2
	isCompressed bool  // v2
}

func (d *tdec) pageHeader() pageHeader {
	h := pageHeader{typ: -1, isCompressed: true, defEnc: encRLE, repEnc: encRLE}
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		switch id {
		case 1:
			h.typ = int32(d.int(typ))
		case 2:
			h.uncompressed = int32(d.int(typ))
		case 3:
			h.compressed = int32(d.int(typ))
		case 5, 7, 8: // data page, dictionary page, data page v2 headers
			if typ != ctStruct {
				d.skip(typ)
				continue
			}
			var l int16
			for d.err == nil {
				fid, ft := d.field(&l)
				if ft == ctStop {
					break
				}
				switch {
				case fid == 1:
					h.numValues = int32(d.int(ft))
				case id == 5 && fid == 2, id == 7 && fid == 2, id == 8 && fid == 4:
					h.encoding = int32(d.int(ft))
				case id == 5 && fid == 3:
					h.defEnc = int32(d.int(ft))
				case id == 5 && fid == 4:
					h.repEnc = int32(d.int(ft))
				case id == 8 && fid == 5:
					h.defLen = int32(d.int(ft))
				case id == 8 && fid == 6:
					h.repLen = int32(d.int(ft))
				case id == 8 && fid == 7:
					h.isCompressed = d.bool(ft)
				default:
					d.skip(ft)
				}
			}
		default:
			d.skip(typ)
		}
	}
	return h
}

// maxPageBytes bounds a page's uncompressed size.
const maxPageBytes = 1 << 30

var (
	zstdOnce sync.Once
	zstdDec  *zstd.Decoder
	zstdErr  error
)

func zstdDecoder() (*zstd.Decoder, error) {
	zstdOnce.Do(func() {
		zstdDec, zstdErr = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxPageBytes))
	})
	return zstdDec, zstdErr
}

// decompress returns src decompressed with codec into dst's storage (or
// a new buffer when dst is too small); the result has exactly size bytes.
func decompress(codec Codec, src []byte, size int, dst []byte) ([]byte, error) {
	if size < 0 || size > maxPageBytes {
		return nil, fmt.Errorf("%w: page of %d bytes", ErrCorrupt, size)
	}
	if codec == Snappy && size > 32*len(src)+64 { // snappy expands 32-fold at most
		return nil, fmt.Errorf("%w: snappy page of %d bytes says %d", ErrCorrupt, len(src), size)
	}
	if cap(dst) < size {
		// A corrupt size is not trusted with a large buffer: zstd and gzip
		// grow it as they produce bytes.
		dst = make([]byte, 0, min(size, 64*len(src)+4096))
	}
	switch codec {
	case Uncompressed:
		if len(src) != size {
			return nil, fmt.Errorf("%w: uncompressed page of %d bytes says %d", ErrCorrupt, len(src), size)
		}
		return src, nil
	case Zstd:
		dec, err := zstdDecoder()
		if err != nil {
			return nil, err
		}
		out, err := dec.DecodeAll(src, dst[:0])
		if err != nil {
			return nil, fmt.Errorf("%w: zstd: %v", ErrCorrupt, err)
		}
		if len(out) != size {
			return nil, fmt.Errorf("%w: zstd page of %d bytes says %d", ErrCorrupt, len(out), size)
		}
		return out, nil
	case Snappy:
		n, err := snappy.DecodedLen(src)
		if err != nil || n != size {
			return nil, fmt.Errorf("%w: snappy page of %d bytes says %d", ErrCorrupt, n, size)
		}
		out, err := snappy.Decode(dst[:cap(dst)], src)
		if err != nil {
			return nil, fmt.Errorf("%w: snappy: %v", ErrCorrupt, err)
		}
		return out, nil
	case Gzip:
		zr, err := gzip.NewReader(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrCorrupt, err)
		}
		buf := bytes.NewBuffer(dst[:0])
		if _, err := buf.ReadFrom(io.LimitReader(zr, int64(size)+1)); err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrCorrupt, err)
		}
		if buf.Len() != size {
			return nil, fmt.Errorf("%w: gzip page of %d bytes says %d", ErrCorrupt, buf.Len(), size)
		}
		return buf.Bytes(), nil
	}
	return nil, fmt.Errorf("%w: codec %s", ErrUnsupported, codec)
}

func (c Codec) String() string {
	switch c {
	case Uncompressed:
		return "UNCOMPRESSED"
	case Snappy:
		return "SNAPPY"
	case Gzip:
		return "GZIP"
	case LZO:
		return "LZO"
	case Brotli:
		return "BROTLI"
	case LZ4:
		return "LZ4"
	case Zstd:
		return "ZSTD"
	case LZ4Raw:
		return "LZ4_RAW"
	}
	return fmt.Sprintf("codec(%d)", int(c))
}
