package pq

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// bitReader reads little-endian bit-packed values (LSB first) from b.
type bitReader struct {
	b     []byte
	p     int
	acc   uint64
	nbits uint
}

// read returns the next w bits, w <= 32; false when b runs out.
func (r *bitReader) read(w uint) (uint32, bool) {
	for r.nbits < w {
		if r.p >= len(r.b) {
			return 0, false
		}
		r.acc |= uint64(r.b[r.p]) << r.nbits
		r.p++
		r.nbits += 8
	}
	v := uint32(r.acc & (1<<w - 1))
	r.acc >>= w
	r.nbits -= w
	return v, true
}

// read64 returns the next w bits, w <= 64.
func (r *bitReader) read64(w uint) (uint64, bool) {
	if w <= 32 {
		v, ok := r.read(w)
		return uint64(v), ok
	}
	lo, ok1 := r.read(32)
	hi, ok2 := r.read(w - 32)
	return uint64(lo) | uint64(hi)<<32, ok1 && ok2
}

func uvarint(b []byte, p int) (uint64, int, error) {
	v, n := binary.Uvarint(b[min(p, len(b)):])
	if n <= 0 {
		return 0, p, fmt.Errorf("%w: bad varint", ErrCorrupt)
	}
	return v, p + n, nil
}

// hybrid decodes len(dst) values of width w (<= 32) of the RLE/bit-packed
// hybrid encoding from b (without a length prefix), each below limit.
func hybrid[T uint8 | uint32](dst []T, b []byte, w uint, limit uint64) error {
	if w > 32 {
		return fmt.Errorf("%w: bit width %d", ErrCorrupt, w)
	}
	p, i := 0, 0
	for i < len(dst) {
		h, np, err := uvarint(b, p)
		if err != nil {
			return err
		}
		p = np
		if h&1 == 0 { // RLE run
			n := h >> 1
			nb := int(w+7) / 8
			if p+nb > len(b) {
				return fmt.Errorf("%w: RLE run past the end", ErrCorrupt)
			}
			var v uint64
			for k := 0; k < nb; k++ {
				v |= uint64(b[p+k]) << (8 * k)
			}
			p += nb
			if n == 0 {
				return fmt.Errorf("%w: empty RLE run", ErrCorrupt)
			}
			if v >= limit {
				return fmt.Errorf("%w: value %d out of range %d", ErrCorrupt, v, limit)
			}
			m := min(uint64(len(dst)-i), n)
			t := T(v)
			s := dst[i : i+int(m)]
			for k := range s {
				s[k] = t
			}
			i += int(m)
			continue
		}
		groups := h >> 1
		if groups == 0 || groups > uint64(len(b)) {
			return fmt.Errorf("%w: bad bit-packed run", ErrCorrupt)
		}
		nbytes := int(groups) * int(w) // 8 values of w bits per group
		if p+nbytes > len(b) {
			// Writers may end the last run early: decode what is there.
			nbytes = len(b) - p
		}
		m := min(int(groups)*8, len(dst)-i)
		if w == 0 {
			clear(dst[i : i+m])
			i += m
			p += nbytes
			continue
		}
		if m*int(w) > nbytes*8 {
			return fmt.Errorf("%w: bit-packed run past the end", ErrCorrupt)
		}
		br := bitReader{b: b[p : p+nbytes]}
		s := dst[i : i+m]
		for k := range s {
			v, _ := br.read(w)
			if uint64(v) >= limit {
				return fmt.Errorf("%w: value %d out of range %d", ErrCorrupt, v, limit)
			}
			s[k] = T(v)
		}
		i += m
		p += nbytes
	}
	return nil
}

// bitWidth is the bits needed for values up to max.
func bitWidth(max uint64) uint { return uint(bits.Len64(max)) }

// deltaBinary decodes a DELTA_BINARY_PACKED run from b into dst (appending)
// and returns the bytes consumed. bits32 wraps arithmetic to 32 bits; a
// run of more than maxCount values is corrupt.
func deltaBinary(dst []int64, b []byte, bits32 bool, maxCount int) ([]int64, int, error) {
	blockSize, p, err := uvarint(b, 0)
	if err != nil {
		return dst, 0, err
	}
	miniblocks, p, err := uvarint(b, p)
	if err != nil {
		return dst, 0, err
	}
	total, p, err := uvarint(b, p)
	if err != nil {
		return dst, 0, err
	}
	firstU, p, err := uvarint(b, p)
	if err != nil {
		return dst, 0, err
	}
	if blockSize == 0 || blockSize%128 != 0 || miniblocks == 0 || blockSize%miniblocks != 0 || (blockSize/miniblocks)%32 != 0 || blockSize > 1<<20 {
		return dst, 0, fmt.Errorf("%w: delta block %d with %d miniblocks", ErrCorrupt, blockSize, miniblocks)
	}
	if total > uint64(maxCount) {
		return dst, 0, fmt.Errorf("%w: %d delta values where %d fit", ErrCorrupt, total, maxCount)
	}
	perMini := int(blockSize / miniblocks)
	v := int64(firstU>>1) ^ -int64(firstU&1)
	if total == 0 {
		return dst, p, nil
	}
	wrap := func(x int64) int64 {
		if bits32 {
			return int64(int32(x))
		}
		return x
	}
	dst = append(dst, wrap(v))
	left := int(total) - 1
	for left > 0 {
		minU, np, err := uvarint(b, p)
		if err != nil {
			return dst, 0, err
		}
		p = np
		minDelta := int64(minU>>1) ^ -int64(minU&1)
		if p+int(miniblocks) > len(b) {
			return dst, 0, fmt.Errorf("%w: delta bit widths past the end", ErrCorrupt)
		}
		widths := b[p : p+int(miniblocks)]
		p += int(miniblocks)
		for _, w := range widths {
			if left == 0 {
				break
			}
			if w > 64 {
				return dst, 0, fmt.Errorf("%w: delta bit width %d", ErrCorrupt, w)
			}
			nb := perMini * int(w) / 8
			if p+nb > len(b) {
				return dst, 0, fmt.Errorf("%w: delta miniblock past the end", ErrCorrupt)
			}
			br := bitReader{b: b[p : p+nb]}
			m := min(perMini, left)
			for k := 0; k < m; k++ {
				d, _ := br.read64(uint(w))
				v = wrap(int64(uint64(v) + uint64(minDelta) + d))
				dst = append(dst, v)
			}
			left -= m
			p += nb
		}
	}
	return dst, p, nil
}
