package convert

import (
	"bytes"
	"encoding/json"
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
