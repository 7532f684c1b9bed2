package schedules

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

func TestLakeHistory(t *testing.T) {
	ctx := context.Background()
	lake, err := objstore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h := &LakeHistory{Lake: lake, Keep: 3}
	if _, ok, err := h.LastSuccess(ctx, "j"); ok || err != nil {
		t.Fatalf("empty history: ok %v err %v", ok, err)
	}
	ok := time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)
	newest := ok.Add(-time.Hour)
	h.Save(ctx, &Record{Job: "j", Started: ok, Outcome: OutcomeOK, Events: 5, NewestEvent: &newest})
	for i := 1; i <= 5; i++ {
		if err := h.Save(ctx, &Record{Job: "j", Started: ok.Add(time.Duration(i) * time.Hour), Outcome: OutcomeFailed,
			Errors: []string{fmt.Sprint("boom ", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	h.Save(ctx, &Record{Job: "other", Started: ok, Outcome: OutcomeOK})

	// Pruned to the 3 newest, and the newest success is kept.
	var keys []string
	lake.List(ctx, HistoryDir+"j/", func(o objstore.Object) error { keys = append(keys, o.Key[len(HistoryDir):]); return nil })
	want := "j/20260101T020000.000Z-ok.json j/20260101T050000.000Z-failed.json j/20260101T060000.000Z-failed.json j/20260101T070000.000Z-failed.json"
	if strings.Join(keys, " ") != want {
		t.Errorf("keys\n%v\nwant\n%s", keys, want)
	}
	last, found, err := h.LastSuccess(ctx, "j")
	if err != nil || !found || !last.Equal(ok) {
		t.Errorf("last success %v %v %v, want %v", last, found, err, ok)
	}
	rs, err := h.Runs(ctx, "j", 2)
	if err != nil || len(rs) != 2 || rs[0].Errors[0] != "boom 5" || rs[1].Errors[0] != "boom 4" {
		t.Fatalf("runs %+v %v", rs, err)
	}
	ne, err := NewestEvent(ctx, h, "j", 10)
	if err != nil || ne == nil || !ne.Equal(newest) {
		t.Errorf("newest event %v %v", ne, err)
	}

	// status: next run, last success, lag.
	c := testConfig(t, "  j: {kind: convert, schedule: '0 3 * * *'}\n")
	now := ok.Add(30 * time.Hour)
	st, err := GetStatus(ctx, c, h, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	lag, known := st.Lag()
	if js := st.Jobs[0]; len(js.Runs) != 4 || !js.Next.After(now) || js.Next.Sub(now) > 24*time.Hour ||
		js.LastSuccess == nil || !known || lag != 31*time.Hour {
		t.Errorf("status %+v, job %+v, lag %v", st, js, lag)
	}
}
