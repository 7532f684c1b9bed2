package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/trailhouse/trailhouse/internal/record"
)

// TestRowsOutliveFlatten: the _extra text and resources lists a row gets
// are cut from chunks shared by many rows; a row kept while the same
// Flattener goes on with other events must still rebuild its own event.
func TestRowsOutliveFlatten(t *testing.T) {
	objs, _, _ := synthObjects(t, 3000)
	var evs [][]byte
	for _, o := range objs {
		events, _, _, fatal := decodeAll(t, bytes.NewReader(o))
		if fatal != nil {
			t.Fatal(fatal)
		}
		evs = append(evs, events...)
	}
	// Events that are hard on the arenas: long _extra, many resources, a
	// list that outgrows the free part of its chunk.
	long := bytes.Repeat([]byte(`{"ARN":"a","type":"t"},`), 300)
	evs = append(evs,
		[]byte(`{"eventName":"x","zz":"`+string(bytes.Repeat([]byte("é"), 9000))+`"}`),
		[]byte(`{"eventName":"x","resources":[`+string(long[:len(long)-1])+`]}`),
		[]byte(`{"eventName":"x","resources":[]}`),
		[]byte(`{"eventName":"x","resources":[{"ARN":"a"},1],"resources":[{"ARN":"b"}]}`),
	)
	var f Flattener
	rows := make([]record.Row, len(evs))
	withRes, withExtra := 0, 0
	for i, ev := range evs {
		if err := f.Flatten(ev, &rows[i]); err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if len(rows[i].Resources) > 0 {
			withRes++
		}
		if rows[i].Extra != "" {
			withExtra++
		}
	}
	if withRes < 100 || withExtra < 100 {
		t.Fatalf("only %d rows with resources and %d with _extra: the test needs more", withRes, withExtra)
	}
	for i, ev := range evs {
		got, err := Rebuild(&rows[i])
		if err != nil {
			t.Fatalf("event %d: rebuild: %v", i, err)
		}
		if want := stdDecode(t, ev); !reflect.DeepEqual(any(got), want) {
			gj, _ := json.Marshal(got)
			t.Fatalf("event %d, rebuilt after %d more events, differs\n got: %s\nwant: %s", i, len(evs)-i-1, gj, ev)
		}
	}
}

// TestKeyOrderPrediction: one Flattener learns the key order of the
// objects it sees and matches the expected keys as bytes; events whose
// keys come in other orders, repeat, are escaped, are prefixes or
// extensions of the expected ones, or are unknown must flatten exactly as
// the reference does, whatever came before them.
func TestKeyOrderPrediction(t *testing.T) {
	events := []string{
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r"}`,
		`{"awsRegion":"r","eventName":"n","userIdentity":{"arn":"b","type":"a"},"eventVersion":"1"}`,
		`{"eventVersion":"1","userIdentity":{"typeX":"a","arn":"b"},"eventNam":"n","awsRegion":"r"}`,
		`{"eventVersion":"1","userIdentity":{"tipe":"a","arn":"b"},"eventName":"n","awsRegion":"r"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventNamf":"n","awsRegioN":"r"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventTime":"n","awsRegion":"r"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r","requestParameters":{},"responseElements":null,"additionalEventData":1}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r","requestParameterz":{},"responseElementz":null,"additionalEventDatA":1}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","ar":"b"},"eventName":"n","eventName":"m"}`,
		`{"event\u0056ersion":"2","userIdentity":{"\u0074ype":"a","arn":"b"},"eventName":"n"}`,
		`{"eventVersion":"1","x":1,"userIdentity":{"type":"a","y":{},"arn":"b"},"eventName":"n"}`,
		`{"eventVersion":"1","userIdentity":"s","eventName":"n","userIdentity":{"type":"c"}}`,
		`{"eventVersion" :"1", "userIdentity" : {"type":"a"} ,"eventName":"n"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r`,
		`{"eventVersion":"1","resources":[{"ARN":"a","type":"t"},{"type":"t","ARN":"a"}],"eventName":"n"}`,
		`{"eventVersion":"1","userIdentity":{"type":"a","arn":"b"},"eventName":"n","awsRegion":"r"}`,
	}
	// each variant right after the event that sets the expected order
	canon := events[0]
	var seq []string
	for _, ev := range events[1:] {
		seq = append(seq, canon, ev)
	}
	seq = append(seq, events[1:]...)
	var f Flattener
	for round := 0; round < 2; round++ {
		for i, ev := range seq {
			var row, rrow record.Row
			var rf refFlattener
			err := f.Flatten([]byte(ev), &row)
			rerr := rf.Flatten([]byte(ev), &rrow)
			if fmt.Sprint(err) != fmt.Sprint(rerr) {
				t.Fatalf("round %d event %d: error %v, reference %v", round, i, err, rerr)
			}
			if err != nil {
				continue
			}
			if g, w := fmt.Sprintf("%#v", row), fmt.Sprintf("%#v", rrow); g != w {
				t.Fatalf("round %d event %d: row differs\n got: %s\nwant: %s", round, i, g, w)
			}
			checkRebuild(t, []byte(ev), &row)
		}
	}
}

// TestSpecialBytesExact: the lowest flagged byte of the 8-byte scanners
// is the first byte they look for, and nothing is flagged without one:
// every byte value at every position among ordinary bytes, and random
// words (with high bytes, escapes and control bytes often).
func TestSpecialBytesExact(t *testing.T) {
	first := func(w uint64, high bool) int {
		for k := 0; k < 8; k++ {
			c := byte(w >> (8 * k))
			if c == '"' || c == '\\' || c < 0x20 || high && c >= 0x80 {
				return k
			}
		}
		return 8
	}
	check := func(w uint64) {
		for _, tc := range []struct {
			high bool
			fn   func(uint64) uint64
		}{{false, specialBytes}, {true, specialOrHighBytes}} {
			got := 8
			if m := tc.fn(w); m != 0 {
				got = bits.TrailingZeros64(m) >> 3
			}
			if want := first(w, tc.high); got != want {
				t.Fatalf("word %#016x (high %v): first flagged byte %d, want %d", w, tc.high, got, want)
			}
		}
	}
	for c := 0; c < 256; c++ {
		for p := 0; p < 8; p++ {
			for _, fill := range []uint64{0x2121212121212121, 0x7f7f7f7f7f7f7f7f, 0x5d5d5d5d5d5d5d5d, 0x2323232323232323} {
				w := fill&^(0xff<<(8*p)) | uint64(c)<<(8*p)
				check(w)
				check(w | 0x1f<<(8*((p+3)%8))) // and a later control byte
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	picks := []byte{'"', '\\', 0, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0x81, 0xa1, 0xdc, 0xde, 0xff, 'a', '0'}
	for range 1 << 20 {
		var w uint64
		for k := 0; k < 8; k++ {
			c := byte(rng.Uint32())
			if rng.IntN(2) == 0 {
				c = picks[rng.IntN(len(picks))]
			}
			w |= uint64(c) << (8 * k)
		}
		check(w)
	}
}
