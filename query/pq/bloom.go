package pq

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"unsafe"
)

// Bloom is a column chunk's split-block bloom filter (XXH64 hashes of the
// values' plain encoding, as the Parquet format specifies). It is
// immutable and safe for concurrent use.
type Bloom struct {
	bitset []byte // 32-byte blocks of eight little-endian words
}

// maxBloomBytes bounds a bloom filter's bitset.
const maxBloomBytes = 128 << 20

// BloomFilter reads the bloom filter of leaf's chunk in rowGroup: one
// ReadAt when the footer gives its length, two otherwise. It returns nil
// and no error when the chunk has none. Errors wrap ErrUnsupported (an
// algorithm, hash or compression other than split-block, XXH64,
// uncompressed), ErrCorrupt, or are r's.
func (f *File) BloomFilter(ctx context.Context, r io.ReaderAt, rowGroup, leaf int) (*Bloom, error) {
	if leaf < 0 || leaf >= len(f.Leaves) || rowGroup < 0 || rowGroup >= len(f.RowGroups) {
		return nil, fmt.Errorf("bloom filter of leaf %d row group %d: %w", leaf, rowGroup, ErrCorrupt)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c := &f.RowGroups[rowGroup].Chunks[leaf]
	if c.BloomFilterOffset <= 0 {
		return nil, nil
	}
	if c.BloomFilterOffset >= f.Size || int64(c.BloomFilterLength) > f.Size-c.BloomFilterOffset {
		return nil, fmt.Errorf("bloom filter of column %s row group %d: %w: at %d of %d bytes past the file", f.Leaves[leaf].Path, rowGroup, ErrCorrupt, c.BloomFilterOffset, c.BloomFilterLength)
	}
	b, err := readBloom(r, c.BloomFilterOffset, int64(c.BloomFilterLength), f.Size)
	if err != nil {
		return nil, fmt.Errorf("bloom filter of column %s row group %d: %w", f.Leaves[leaf].Path, rowGroup, err)
	}
	return b, nil
}

func readBloom(r io.ReaderAt, off, length, size int64) (*Bloom, error) {
	const guess = 64 // headers are about 15 bytes
	var buf []byte
	if length > 0 {
		if length > maxBloomBytes+guess {
			return nil, fmt.Errorf("%w: bloom filter of %d bytes", ErrUnsupported, length)
		}
		buf = make([]byte, length)
		if err := readFull(r, buf, off); err != nil {
			return nil, fmt.Errorf("read %d bytes at %d: %w", length, off, err)
		}
	} else {
		buf = make([]byte, guess)
		n, err := r.ReadAt(buf, off)
		if n == 0 && err != nil {
			return nil, fmt.Errorf("read at %d: %w", off, err)
		}
		buf = buf[:n]
	}
	d := tdec{b: buf}
	numBytes, err := d.bloomHeader()
	if err != nil {
		return nil, err
	}
	if numBytes <= 0 || numBytes%32 != 0 || numBytes > maxBloomBytes || (length <= 0 && int64(numBytes) > size-off) {
		return nil, fmt.Errorf("%w: bloom filter bitset of %d bytes", ErrCorrupt, numBytes)
	}
	rest := buf[d.p:]
	if len(rest) >= int(numBytes) {
		return &Bloom{bitset: rest[:numBytes:numBytes]}, nil
	}
	if length > 0 {
		return nil, fmt.Errorf("%w: bloom filter bitset of %d bytes in %d", ErrCorrupt, numBytes, len(rest))
	}
	bits := make([]byte, numBytes)
	if err := readFull(r, bits, off+int64(d.p)); err != nil {
		return nil, fmt.Errorf("read %d bytes at %d: %w", numBytes, off+int64(d.p), err)
	}
	return &Bloom{bitset: bits}, nil
}

// bloomHeader decodes a BloomFilterHeader and returns its numBytes.
func (d *tdec) bloomHeader() (int32, error) {
	var numBytes int32
	var alg, hash, comp bool
	var last int16
	for d.err == nil {
		id, typ := d.field(&last)
		if typ == ctStop {
			break
		}
		if id == 1 {
			numBytes = int32(d.int(typ))
			continue
		}
		if id < 2 || id > 4 || typ != ctStruct {
			d.skip(typ)
			continue
		}
		// A union of one known member, field 1 (BLOCK, XXHASH, UNCOMPRESSED).
		var l int16
		for d.err == nil {
			uid, ut := d.field(&l)
			if ut == ctStop {
				break
			}
			if uid == 1 && ut == ctStruct {
				switch id {
				case 2:
					alg = true
				case 3:
					hash = true
				case 4:
					comp = true
				}
			}
			d.skip(ut)
		}
	}
	if d.err != nil {
		return 0, fmt.Errorf("%w: bad bloom filter header", d.err)
	}
	if !alg || !hash || !comp {
		return 0, fmt.Errorf("%w: bloom filter other than split-block, XXH64, uncompressed", ErrUnsupported)
	}
	return numBytes, nil
}

var bloomSalt = [8]uint32{0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31}

// MayContain reports whether the chunk may hold the value whose plain
// encoding is v (the bytes of a BYTE_ARRAY, without a length; 8
// little-endian bytes of an INT64): false means it certainly does not.
func (b *Bloom) MayContain(v []byte) bool { return b.MayContainHash(XXH64(v)) }

// MayContainString is MayContain of a string's bytes.
func (b *Bloom) MayContainString(s string) bool {
	return b.MayContainHash(XXH64(unsafe.Slice(unsafe.StringData(s), len(s))))
}

// MayContainHash is MayContain of a value's XXH64 hash.
func (b *Bloom) MayContainHash(h uint64) bool {
	nblocks := uint64(len(b.bitset) / 32)
	i := ((h >> 32) * nblocks) >> 32
	block := b.bitset[i*32 : i*32+32]
	key := uint32(h)
	for k, s := range bloomSalt {
		w := binary.LittleEndian.Uint32(block[4*k:])
		if w&(1<<((key*s)>>27)) == 0 {
			return false
		}
	}
	return true
}

const (
	xxP1 uint64 = 11400714785074694791
	xxP2 uint64 = 14029467366897019727
	xxP3 uint64 = 1609587929392839161
	xxP4 uint64 = 9650029242287828579
	xxP5 uint64 = 2870177450012600261
)

func xxRound(acc, in uint64) uint64 {
	acc += in * xxP2
	return bits.RotateLeft64(acc, 31) * xxP1
}

func xxMerge(acc, v uint64) uint64 {
	acc ^= xxRound(0, v)
	return acc*xxP1 + xxP4
}

// XXH64 is the 64-bit xxHash of b with seed 0.
func XXH64(b []byte) uint64 {
	n := len(b)
	var h uint64
	if n >= 32 {
		p1, p2 := xxP1, xxP2 // wrapping sums at run time
		v1, v2, v3, v4 := p1+p2, p2, uint64(0), -p1
		for len(b) >= 32 {
			v1 = xxRound(v1, binary.LittleEndian.Uint64(b))
			v2 = xxRound(v2, binary.LittleEndian.Uint64(b[8:]))
			v3 = xxRound(v3, binary.LittleEndian.Uint64(b[16:]))
			v4 = xxRound(v4, binary.LittleEndian.Uint64(b[24:]))
			b = b[32:]
		}
		h = bits.RotateLeft64(v1, 1) + bits.RotateLeft64(v2, 7) + bits.RotateLeft64(v3, 12) + bits.RotateLeft64(v4, 18)
		h = xxMerge(h, v1)
		h = xxMerge(h, v2)
		h = xxMerge(h, v3)
		h = xxMerge(h, v4)
	} else {
		h = xxP5
	}
	h += uint64(n)
	for len(b) >= 8 {
		h ^= xxRound(0, binary.LittleEndian.Uint64(b))
		h = bits.RotateLeft64(h, 27)*xxP1 + xxP4
		b = b[8:]
	}
	if len(b) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(b)) * xxP1
		h = bits.RotateLeft64(h, 23)*xxP2 + xxP3
		b = b[4:]
	}
	for _, c := range b {
		h ^= uint64(c) * xxP5
		h = bits.RotateLeft64(h, 11) * xxP1
	}
	h ^= h >> 33
	h *= xxP2
	h ^= h >> 29
	h *= xxP3
	h ^= h >> 32
	return h
}
