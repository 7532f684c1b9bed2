package lease

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func stores(t *testing.T) map[string]func(t *testing.T) objstore.Store {
	return map[string]func(t *testing.T) objstore.Store{
		"dir": func(t *testing.T) objstore.Store {
			d, err := objstore.NewDir(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return d
		},
		"s3": func(t *testing.T) objstore.Store { return s3test.Start(t).Store(t, "lake/") },
	}
}

func TestLeaseLifecycle(t *testing.T) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := mk(t)
			c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			a, err := Acquire(ctx, st, "convert-0-of-1", Options{TTL: time.Hour, Holder: "run A", Now: c.now})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Acquire(ctx, st, "convert-0-of-1", Options{TTL: time.Hour, Holder: "run B", Now: c.now})
			var he *HeldError
			if !errors.As(err, &he) || !errors.Is(err, ErrHeld) || he.Holder != "run A" || !strings.Contains(err.Error(), "run A") {
				t.Fatalf("second acquire: %v, want HeldError naming run A", err)
			}
			if err := a.Check(ctx); err != nil {
				t.Fatalf("check while held: %v", err)
			}
			// A stops renewing; after the TTL, B takes over and A learns it lost.
			c.add(2 * time.Hour)
			b, err := Acquire(ctx, st, "convert-0-of-1", Options{TTL: time.Hour, Holder: "run B", Now: c.now})
			if err != nil {
				t.Fatalf("acquire after expiry: %v", err)
			}
			if err := a.Check(ctx); !errors.Is(err, ErrLost) {
				t.Fatalf("old holder check: %v, want ErrLost", err)
			}
			if err := b.Release(ctx); err != nil {
				t.Fatal(err)
			}
			// Released: the next run need not wait.
			cl, err := Acquire(ctx, st, "convert-0-of-1", Options{TTL: time.Hour, Holder: "run C", Now: c.now})
			if err != nil {
				t.Fatalf("acquire after release: %v", err)
			}
			recs, err := List(ctx, st)
			if err != nil || recs["convert-0-of-1"].Holder != "run C" {
				t.Fatalf("List = %v, %v", recs, err)
			}
			cl.Release(ctx)
			a.Release(ctx)
		})
	}
}

func TestLeaseRace(t *testing.T) {
	for name, mk := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := mk(t)
			var wins atomic.Int32
			var wg sync.WaitGroup
			var mu sync.Mutex
			var held []*Lease
			for i := 0; i < 12; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					l, err := Acquire(ctx, st, "x", Options{TTL: time.Minute})
					if err == nil {
						wins.Add(1)
						mu.Lock()
						held = append(held, l)
						mu.Unlock()
					} else if !errors.Is(err, ErrHeld) {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if wins.Load() != 1 {
				t.Fatalf("%d runs took the lease, want 1", wins.Load())
			}
			for _, l := range held {
				l.Release(ctx)
			}
		})
	}
}

func TestLeaseBadName(t *testing.T) {
	d, _ := objstore.NewDir(t.TempDir())
	for _, n := range []string{"", "../x", "a/b"} {
		if _, err := Acquire(context.Background(), d, n, Options{}); !errors.Is(err, objstore.ErrBadKey) {
			t.Errorf("Acquire(%q) = %v, want ErrBadKey", n, err)
		}
	}
}
