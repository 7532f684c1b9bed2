package convert

import (
	"bytes"
	stdgzip "compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
)

// refGunzip is what the Decoder's streaming reader makes of b: the whole
// output, or an error (the reference for gunzipWhole).
func refGunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	return out, zr.Close()
}

func fastGunzip(z *inflater, b []byte) ([]byte, error) {
	z.in = append(append(z.in[:0], b...), make([]byte, gzipPad)...)
	return z.gunzipWhole(len(b), 16<<20)
}

// gzipInputs: contents of many kinds compressed by both gzip writers at
// every level, stored blocks and Huffman-only ones included.
func gzipInputs(t testing.TB) (plain, packed [][]byte) {
	rng := rand.New(rand.NewPCG(5, 6))
	var contents [][]byte
	for _, p := range []string{"testdata/array.json", "testdata/records.json", "testdata/wrong-types.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		contents = append(contents, b, bytes.Repeat(b, 40))
	}
	random := make([]byte, 100000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	runs := make([]byte, 70000)
	for i := range runs {
		runs[i] = "ab\x00"[rng.IntN(3)]
		if i%1000 < 300 {
			runs[i] = 'x'
		}
	}
	contents = append(contents, nil, []byte("x"), random, runs, bytes.Repeat([]byte("abcdefgh12"), 30000))
	for _, c := range contents {
		for _, level := range []int{flate.NoCompression, flate.HuffmanOnly, flate.BestSpeed, 2, 3, 4, 5, 6, 7, 8, flate.BestCompression} {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, level)
			if level == 5 {
				zw.Name = "events.json"
			}
			zw.Write(c)
			zw.Close()
			plain, packed = append(plain, c), append(packed, buf.Bytes())
			if level >= 1 && level <= 9 {
				buf = bytes.Buffer{}
				sw, _ := stdgzip.NewWriterLevel(&buf, level)
				sw.Write(c)
				sw.Close()
				plain, packed = append(plain, c), append(packed, buf.Bytes())
			}
		}
	}
	return plain, packed
}

// TestGunzipWhole: the fast path decompresses what both gzip writers make
// at every level exactly, and takes none of their cut or altered forms
// that the streaming reader rejects.
func TestGunzipWhole(t *testing.T) {
	var z inflater
	plain, packed := gzipInputs(t)
	for i, p := range packed {
		got, err := fastGunzip(&z, p)
		if err != nil {
			t.Fatalf("input %d (%d bytes): %v", i, len(p), err)
		}
		if !bytes.Equal(got, plain[i]) {
			t.Fatalf("input %d: output differs", i)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for i, p := range packed {
		if len(p) > 40000 && i%3 != 0 {
			continue
		}
		for k := 0; k < 200; k++ {
			m := bytes.Clone(p)
			switch k % 4 {
			case 0:
				m = m[:rng.IntN(len(m))]
			case 1:
				m[rng.IntN(len(m))] ^= byte(1 << rng.IntN(8))
			case 2:
				m[rng.IntN(len(m))] = byte(rng.Uint32())
			default:
				m = append(m, p...) // two members: for the streaming reader
			}
			checkGunzipSafe(t, &z, m)
		}
	}
}

// checkGunzipSafe: whatever gunzipWhole takes, the streaming reader takes
// too, with the same output.
func checkGunzipSafe(t *testing.T, z *inflater, b []byte) {
	t.Helper()
	got, err := fastGunzip(z, b)
	if err != nil {
		return
	}
	want, rerr := refGunzip(b)
	if rerr != nil {
		t.Fatalf("fast path took %d bytes that the reader rejects (%v): %q", len(b), rerr, b[:min(len(b), 64)])
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("fast path output differs from the reader's on %q", b[:min(len(b), 64)])
	}
}

// FuzzGunzipWhole: on any bytes, the fast path takes only what the
// streaming reader reads without error, and gives the same bytes.
func FuzzGunzipWhole(f *testing.F) {
	_, packed := gzipInputs(f)
	for _, p := range packed {
		if len(p) < 4096 {
			f.Add(p)
		}
	}
	if b, err := os.ReadFile("testdata/records.json.gz"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var z inflater
		checkGunzipSafe(t, &z, data)
	})
}

// TestDecoderWholeAndStreamed: objects on both sides of the limits of the
// whole-object path (compressed size, decompressed size), and a source
// that fails part way, decode exactly as the streaming reference does.
func TestDecoderWholeAndStreamed(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	records := func(n, strLen int, alphabet string) []byte {
		var b bytes.Buffer
		b.WriteString(`{"Records":[`)
		s := make([]byte, strLen)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			for k := range s {
				s[k] = alphabet[rng.IntN(len(alphabet))]
			}
			fmt.Fprintf(&b, `{"eventVersion":"1.08","eventName":"E%d","requestParameters":{"k":"%s"}}`, i, s)
		}
		b.WriteString(`]}`)
		return b.Bytes()
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	poor := gz(records(2000, 1000, alnum)) // about 1.3 MiB compressed: streamed
	richJSON := records(100000, 40, "a")
	rich := gz(richJSON)                  // under 1 MiB compressed, over 8 MiB of JSON: streamed
	small := gz(records(300, 200, alnum)) // whole
	cut := small[:len(small)-3]           // whole path refuses, streaming reports the cut
	bad := bytes.Clone(small)             // CRC wrong: whole path refuses, streaming reports it
	bad[len(bad)-6] ^= 0xff
	if len(poor) <= maxWholeGzip || len(rich) > maxWholeGzip || len(richJSON) <= maxWholePlain {
		t.Fatalf("inputs do not straddle the limits: %d, %d", len(poor), len(rich))
	}
	for _, c := range []struct {
		name  string
		data  []byte
		whole bool
	}{{"poorly compressed", poor, false}, {"richly compressed", rich, false}, {"small", small, true}, {"cut", cut, false}, {"bad checksum", bad, false}} {
		var d Decoder
		if err := d.Reset(bytes.NewReader(c.data)); err != nil || d.wholeOK != c.whole || !d.Compressed() {
			t.Fatalf("%s: Reset: %v, whole %v, want %v", c.name, err, d.wholeOK, c.whole)
		}
		checkSame(t, c.name, []int{65536}, c.data)
	}
	checkSame(t, "all through one decoder", nil, small, poor, cut, small, rich, bad, small)

	// A source that fails after part of the object.
	for _, data := range [][]byte{small, poor} {
		want := errors.New("connection reset")
		var d Decoder
		if err := d.Reset(io.MultiReader(bytes.NewReader(data[:len(data)/2]), &errReader{want})); err != nil {
			t.Fatal(err)
		}
		n := 0
		var err error
		for err == nil {
			_, err = d.Next()
			n++
		}
		if !errors.Is(err, want) {
			t.Fatalf("after %d events: %v, want the source's error", n, err)
		}
		if n < 2 {
			t.Fatalf("no events before the source failed")
		}
	}
}
