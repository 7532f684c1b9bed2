package partition

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// TestZstdCodec round-trips empty, tiny, literal-only and repetitive pages
// through the lake codec and a stock zstd decoder, and checks that random
// hex identifiers are entropy-coded (stored raw they would not shrink).
func TestZstdCodec(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var ids []byte
	for i := 0; i < 200; i++ {
		ids = fmt.Appendf(ids, "%08x-%04x-%04x-%04x-%012x", rng.Uint32(), rng.Uint32()&0xffff, rng.Uint32()&0xffff, rng.Uint32()&0xffff, rng.Uint64()&0xffffffffffff)
	}
	dec, err := zstd.NewReader(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	for _, src := range [][]byte{nil, {}, []byte("x"), []byte("short page"), ids, bytes.Repeat([]byte(`{"bucketName":"logs"}`), 5000)} {
		enc, err := lakeCodec.Encode(nil, src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := dec.DecodeAll(enc, nil)
		if err != nil || !bytes.Equal(got, src) {
			t.Fatalf("%d bytes: round trip gave %d bytes, %v", len(src), len(got), err)
		}
		back, err := lakeCodec.Decode(nil, enc)
		if err != nil || !bytes.Equal(back, src) {
			t.Fatalf("%d bytes: codec's Decode gave %d bytes, %v", len(src), len(back), err)
		}
		if len(src) == len(ids) && len(enc) > len(src)*2/3 {
			t.Errorf("%d bytes of hex identifiers compressed to %d: literals not entropy-coded", len(src), len(enc))
		}
	}
}
