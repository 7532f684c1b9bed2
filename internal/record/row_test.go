package record

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

func randRow(rng *rand.Rand) Row {
	var r Row
	for i := 0; i < NumStr; i++ {
		if rng.IntN(3) == 0 {
			r.SetStr(i, fmt.Sprintf("v%d-ü", rng.IntN(1000)))
		}
	}
	if rng.IntN(4) > 0 {
		r.HasTime, r.EventTime = true, rng.Int64()-rng.Int64()
	}
	r.ReadOnly, r.ManagementEvent = Tri(rng.IntN(3)), Tri(rng.IntN(3))
	switch rng.IntN(3) {
	case 1:
		r.Resources = []Resource{}
	case 2:
		for k := rng.IntN(4) + 1; k > 0; k-- {
			var res Resource
			for f := 0; f < numResourceFields; f++ {
				if rng.IntN(2) == 0 {
					res.F[f], res.Set = fmt.Sprint("r", rng.IntN(9)), res.Set|1<<f
				}
			}
			r.Resources = append(r.Resources, res)
		}
	}
	if rng.IntN(2) == 0 {
		r.Extra = `{"x":1}`
	}
	r.Source = fmt.Sprint("obj-", rng.IntN(9))
	return r
}

// TestBinaryRoundTrip encodes random rows back to back and decodes them
// with DecodeBinary and with DecodeString (sharing one spare array of
// resources), and checks that each comes back equal, NULL and empty
// resource lists apart.
func TestBinaryRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var rows []Row
	var buf []byte
	for i := 0; i < 500; i++ {
		rows = append(rows, randRow(rng))
		buf = rows[i].AppendBinary(buf)
	}
	spare := make([]Resource, 300)
	var a, b Row
	s := string(buf)
	for i, want := range rows {
		n, err := a.DecodeBinary([]byte(s))
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		m, took, err := b.DecodeString(s, spare)
		if err != nil || m != n {
			t.Fatalf("row %d: DecodeString used %d (%v), DecodeBinary %d", i, m, err, n)
		}
		if !reflect.DeepEqual(a, want) || !reflect.DeepEqual(b, want) {
			t.Fatalf("row %d: decoded %v / %v, want %v", i, a, b, want)
		}
		if (want.Resources == nil) != (b.Resources == nil) {
			t.Fatalf("row %d: NULL resources not kept apart from empty ones", i)
		}
		if took > 0 && &b.Resources[0] != &spare[0] {
			t.Fatalf("row %d: took %d of spare but did not use it", i, took)
		}
		spare = spare[took:]
		s = s[n:]
	}
	if s != "" {
		t.Fatalf("%d bytes left over", len(s))
	}
}

func TestDecodeCorrupt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200; i++ {
		r := randRow(rng)
		b := r.AppendBinary(nil)
		cut := rng.IntN(len(b))
		var d Row
		if _, err := d.DecodeBinary(b[:cut]); err == nil {
			t.Fatalf("row %d cut at %d of %d decoded without error", i, cut, len(b))
		}
		if _, _, err := d.DecodeString(string(b[:cut]), nil); err == nil {
			t.Fatalf("row %d cut at %d of %d decoded without error", i, cut, len(b))
		}
	}
}
