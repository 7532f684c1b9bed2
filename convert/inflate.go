package convert

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math/bits"
	"unsafe"
)

// gunzipWhole decompresses a whole single-member gzip object into a buffer
// in one go, the way whole-buffer inflaters (libdeflate) do: the input is
// read 8 bytes at a time into a 64-bit bit buffer, codes are decoded by
// table, and matches are copied 8 bytes at a time within the output. It is
// a fast path only: it takes what it can prove, and reports failure for
// anything else (corrupt or truncated data, a second gzip member, header
// fields it does not read, an output over the limit), which the Decoder
// then reads with the streaming gzip reader, whose result and errors are
// the reference. So it must never accept what that reader rejects: it
// makes the same checks (complete Huffman codes but for the degenerate
// one-code case, code and distance ranges, stored-block lengths, the
// trailer's CRC-32 and size) and requires the input to end after the
// trailer.

// errInflate is the one failure of the fast path.
var errInflate = errors.New("not for the fast path")

const (
	huffPrimary = 10 // bits of the first table level
	// An entry: bits 0-4 the bits it consumes (the whole code length),
	// bits 5-7 its kind, bits 8-12 extra bits or (for a link) the bits of
	// the second level, bits 16-31 its value.
	hLiteral = 0 << 5
	hBase    = 1 << 5 // a length or distance: value is the base
	hEnd     = 2 << 5 // end of block
	hLink    = 3 << 5 // value is the start of a second-level table
	hInvalid = 4 << 5
	hKind    = 7 << 5
)

// huffTable decodes one Huffman code: 1<<huffPrimary entries, then the
// second-level tables of the longer codes.
type huffTable []uint32

// Bases and extra bits of the length (257..285) and distance codes.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	// the order of the code length code lengths in a dynamic block header
	clenOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

type tableKind uint8

const (
	litTable tableKind = iota
	distTable
	clenTable
)

// build makes the table of the code with these code lengths (at most 15),
// and reports false where the streaming reader rejects the code: one that
// does not use every bit pattern, except a single code of length 1.
func (t *huffTable) build(lens []uint8, kind tableKind) bool {
	var count [16]int
	maxLen := 0
	for _, l := range lens {
		if l != 0 {
			count[l]++
			maxLen = max(maxLen, int(l))
		}
	}
	tab := (*t)[:0]
	if cap(tab) < 1<<huffPrimary {
		tab = make([]uint32, 0, 1<<huffPrimary+1024)
	}
	tab = tab[:1<<huffPrimary]
	for i := range tab {
		tab[i] = hInvalid
	}
	*t = tab
	if maxLen == 0 {
		return true // an empty code: using it fails
	}
	code := 0
	var next [16]int
	for l := 1; l <= maxLen; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	if code+count[maxLen] != 1<<maxLen && !(code+count[maxLen] == 1 && maxLen == 1) {
		return false
	}
	subBits := max(0, maxLen-huffPrimary)
	for sym, l := range lens {
		if l == 0 {
			continue
		}
		c := next[l]
		next[l]++
		rev := int(bits.Reverse16(uint16(c)) >> (16 - l))
		e := uint32(l)
		switch {
		case kind == clenTable:
			e |= hLiteral | uint32(sym)<<16
		case kind == distTable && sym < 30:
			e |= hBase | uint32(distExtra[sym])<<8 | uint32(distBase[sym])<<16
		case kind == distTable:
			e = hInvalid
		case sym < 256:
			e |= hLiteral | uint32(sym)<<16
		case sym == 256:
			e |= hEnd
		case sym < 286:
			e |= hBase | uint32(lengthExtra[sym-257])<<8 | uint32(lengthBase[sym-257])<<16
		default:
			e = hInvalid
		}
		if int(l) <= huffPrimary {
			for k := rev; k < 1<<huffPrimary; k += 1 << l {
				tab[k] = e
			}
			continue
		}
		p := rev & (1<<huffPrimary - 1)
		if tab[p]&hKind != hLink {
			tab[p] = huffPrimary | hLink | uint32(subBits)<<8 | uint32(len(tab))<<16
			for range 1 << subBits {
				tab = append(tab, hInvalid)
			}
			*t = tab
		}
		off := int(tab[p] >> 16)
		for k := rev >> huffPrimary; k < 1<<subBits; k += 1 << (int(l) - huffPrimary) {
			tab[off+k] = e
		}
	}
	return true
}

// inflater keeps the tables and buffers of gunzipWhole between objects.
type inflater struct {
	lit, dist, clen huffTable
	lens            [320]uint8
	in              []byte // the compressed object, with zero bytes after it
	out             []byte
}

var fixedLit, fixedDist huffTable

func init() {
	var l [288]uint8
	for i := range l {
		switch {
		case i < 144:
			l[i] = 8
		case i < 256:
			l[i] = 9
		case i < 280:
			l[i] = 7
		default:
			l[i] = 8
		}
	}
	fixedLit.build(l[:], litTable)
	var d [32]uint8
	for i := range d {
		d[i] = 5
	}
	fixedDist.build(d[:], distTable)
}

// gzipPad is the zero bytes that gunzipWhole needs after its input.
const gzipPad = 16

// gunzipWhole returns the decompressed content of the gzip object in
// z.in[:n] (which has gzipPad zero bytes after it), at most maxOut bytes,
// aliasing z's buffer until the next call.
func (z *inflater) gunzipWhole(n, maxOut int) ([]byte, error) {
	if len(z.in) < n+gzipPad {
		return nil, errInflate
	}
	in := z.in[:n]
	// The header: no optional field but a file name.
	if len(in) < 18 || in[0] != 0x1f || in[1] != 0x8b || in[2] != 8 || in[3]&^0x08 != 0 {
		return nil, errInflate
	}
	pos := 10
	if in[3]&0x08 != 0 {
		end := pos
		for end < len(in) && in[end] != 0 && end-pos < 500 {
			end++
		}
		if end >= len(in) || in[end] != 0 {
			return nil, errInflate
		}
		pos = end + 1
	}
	if len(in)-pos < 8 {
		return nil, errInflate
	}
	size := int(binary.LittleEndian.Uint32(in[len(in)-4:]))
	if size > maxOut {
		return nil, errInflate
	}
	if cap(z.out) < size+8 {
		z.out = make([]byte, size+8)
	}
	out := z.out[:size+8] // 8 bytes of room for word copies
	clear(z.in[n : n+gzipPad])
	o, end, err := z.inflate(z.in[:n+gzipPad], out, size, pos, n-8)
	if err != nil || o != size || end != len(in)-8 {
		return nil, errInflate
	}
	if crc32.ChecksumIEEE(out[:size]) != binary.LittleEndian.Uint32(in[len(in)-8:]) {
		return nil, errInflate
	}
	return out[:size], nil
}

// inflate decodes the DEFLATE stream at in[pos:] (which must end by
// limit; in has gzipPad zero bytes at its end) into out[:size], and returns
// the bytes written and the input position after the stream (the end of
// the byte that holds its last bit).
func (z *inflater) inflate(in, out []byte, size, pos, limit int) (o, end int, err error) {
	var bb uint64 // bit buffer: the next bits in its low end
	var nb uint   // bits in bb
	over := false // read past the zero bytes: the stream is cut
	refill := func() {
		if pos+8 > len(in) {
			over, nb = true, 63
			return
		}
		bb |= binary.LittleEndian.Uint64(in[pos:]) << nb
		pos += int(63-nb) >> 3
		nb |= 56
	}
	for {
		if over || pos > limit+8 {
			return 0, 0, errInflate
		}
		if nb < 3 {
			refill()
		}
		final := bb&1 != 0
		typ := bb >> 1 & 3
		bb >>= 3
		nb -= 3
		var lit, dist huffTable
		switch typ {
		case 0: // stored
			bb >>= nb & 7
			nb -= nb & 7
			p := pos - int(nb>>3) // the first byte not consumed
			bb, nb = 0, 0
			if p+4 > limit {
				return 0, 0, errInflate
			}
			ln := int(binary.LittleEndian.Uint16(in[p:]))
			if binary.LittleEndian.Uint16(in[p+2:]) != ^uint16(ln) || p+4+ln > limit || o+ln > size {
				return 0, 0, errInflate
			}
			copy(out[o:], in[p+4:p+4+ln])
			o += ln
			pos = p + 4 + ln
			if final {
				return o, pos, nil
			}
			continue
		case 1:
			lit, dist = fixedLit, fixedDist
		case 2:
			if nb < 14 {
				refill()
			}
			nlit := int(bb&0x1f) + 257
			ndist := int(bb>>5&0x1f) + 1
			nclen := int(bb>>10&0xf) + 4
			bb >>= 14
			nb -= 14
			if nlit > 286 || ndist > 30 {
				return 0, 0, errInflate
			}
			var cl [19]uint8
			for i := range nclen {
				if nb < 3 {
					refill()
				}
				cl[clenOrder[i]] = uint8(bb & 7)
				bb >>= 3
				nb -= 3
			}
			if !z.clen.build(cl[:], clenTable) {
				return 0, 0, errInflate
			}
			lens := z.lens[:nlit+ndist]
			for i := 0; i < len(lens); {
				if nb < 32 {
					if over {
						return 0, 0, errInflate
					}
					refill()
				}
				e := z.clen[bb&(1<<huffPrimary-1)]
				if e&hKind != hLiteral {
					return 0, 0, errInflate
				}
				bb >>= e & 31
				nb -= uint(e & 31)
				sym := int(e >> 16)
				if sym < 16 {
					lens[i] = uint8(sym)
					i++
					continue
				}
				var rep int
				var prev uint8
				switch sym {
				case 16:
					if i == 0 {
						return 0, 0, errInflate
					}
					prev = lens[i-1]
					rep = 3 + int(bb&3)
					bb >>= 2
					nb -= 2
				case 17:
					rep = 3 + int(bb&7)
					bb >>= 3
					nb -= 3
				default:
					rep = 11 + int(bb&0x7f)
					bb >>= 7
					nb -= 7
				}
				if i+rep > len(lens) {
					return 0, 0, errInflate
				}
				for range rep {
					lens[i] = prev
					i++
				}
			}
			if !z.lit.build(lens[:nlit], litTable) || !z.dist.build(lens[nlit:], distTable) {
				return 0, 0, errInflate
			}
			lit, dist = z.lit, z.dist
		default:
			return 0, 0, errInflate
		}
		// The codes of the block. After a refill bb holds at least 56
		// bits: a length code with its extra bits (20) and a distance code
		// with its extra bits (28).
		litFirst := (*[1 << huffPrimary]uint32)(lit) // first levels, indexed unchecked
		distFirst := (*[1 << huffPrimary]uint32)(dist)
		dst := out[:size]
		for {
			if nb < 48 {
				if over {
					return 0, 0, errInflate
				}
				refill()
			}
			e := litFirst[bb&(1<<huffPrimary-1)]
			if e&hKind == hLink {
				e = lit[int(e>>16)+int(bb>>huffPrimary&(1<<(e>>8&31)-1))]
			}
			bb >>= e & 31
			nb -= uint(e & 31)
			switch e & hKind {
			case hLiteral:
				if o >= len(dst) {
					return 0, 0, errInflate
				}
				dst[o] = byte(e >> 16)
				o++
				continue
			case hBase:
			case hEnd:
				goto blockEnd
			default:
				return 0, 0, errInflate
			}
			x := uint(e >> 8 & 31)
			length := int(e>>16) + int(bb&(1<<x-1))
			bb >>= x
			nb -= x
			e = distFirst[bb&(1<<huffPrimary-1)]
			if e&hKind == hLink {
				e = dist[int(e>>16)+int(bb>>huffPrimary&(1<<(e>>8&31)-1))]
			}
			if e&hKind != hBase {
				return 0, 0, errInflate
			}
			bb >>= e & 31
			nb -= uint(e & 31)
			x = uint(e >> 8 & 31)
			d := int(e>>16) + int(bb&(1<<x-1))
			bb >>= x
			nb -= x
			if d > o || length > size-o {
				return 0, 0, errInflate
			}
			src := o - d
			if d >= 8 {
				// whole words: each read is of bytes already final; the
				// last may write up to 7 bytes past the match, which
				// later codes overwrite (out has 8 bytes of room)
				// (unchecked: o+length+7 < len(out) was checked above)
				p := unsafe.Pointer(unsafe.SliceData(out))
				for k := 0; k < length; k += 8 {
					*(*uint64)(unsafe.Add(p, o+k)) = *(*uint64)(unsafe.Add(p, src+k))
				}
			} else {
				for k := range length {
					out[o+k] = out[src+k]
				}
			}
			o += length
		}
	blockEnd:
		if over {
			return 0, 0, errInflate
		}
		if final {
			// the stream ends with the byte that holds its last bit
			return o, pos - int(nb>>3), nil
		}
	}
}
