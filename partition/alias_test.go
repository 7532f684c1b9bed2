package partition

import (
	"context"
	"fmt"
	"testing"
	"unsafe"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
)

// TestAddRowsAliasingABuffer: a row's strings may alias a buffer its
// caller overwrites with the next events (the decoder's contract). Rows
// of alternating accounts and regions, each read from one reused buffer,
// all land in their own partitions.
func TestAddRowsAliasingABuffer(t *testing.T) {
	lake, err := objstore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sink, err := NewSink(lake, Config{RunID: "alias", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	b := sink.NewBatch()
	buf := make([]byte, 64)
	view := func(lo, n int) string { return unsafe.String(&buf[lo], n) }
	want := map[Key]int{}
	for i := 0; i < 400; i++ {
		acct := fmt.Sprintf("%012d", 111111111111*(1+i%3))
		region := []string{"us-east-1", "eu-west-1"}[i/7%2]
		copy(buf, acct)
		copy(buf[12:], region+"         ")
		var r record.Row
		r.SetStr(record.EventID, fmt.Sprintf("id-%d", i))
		r.SetStr(record.RecipientAccountID, view(0, 12))
		r.SetStr(record.AWSRegion, view(12, len(region)))
		r.EventTime, r.HasTime = 1767225600000+int64(i)*1000, true
		r.Source = "AWSLogs/x"
		k := Assign(&r, Hint{})
		want[Key{Table: k.Table, Account: acct, Region: region, Date: k.Date}]++
		if err := b.AddTo(k, &r); err != nil {
			t.Fatal(err)
		}
	}
	b.Close()
	if _, err := sink.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := readLake(t, lake)
	for k, n := range want {
		if len(got[k]) != n {
			t.Errorf("%s: %d rows, want %d", k.Dir(), len(got[k]), n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d partitions, want %d", len(got), len(want))
	}
}
