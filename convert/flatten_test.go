package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
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
