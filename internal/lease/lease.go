// Package lease is a mutual-exclusion lease kept in an object store, so that
// two runs against one lake (on any machines) never work on the same thing
// at once. It needs only the store's atomic PutIfAbsent (S3's
// If-None-Match: *), no compare-and-swap.
//
// A lease named N is a sequence of generation objects
// _trailhouse/leases/N/GGGGGGGGGGGGGGGGGGGG.json, each a record {holder,
// acquired, expires, released}. The newest generation tells who holds the
// lease. Taking it, renewing it and releasing it all create the next
// generation with PutIfAbsent, so of two racing runs exactly one wins each
// step; a holder that finds its next generation taken has lost the lease.
package lease

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// Dir is where leases live in a lake.
const Dir = "_trailhouse/leases/"

// ErrHeld: another holder has the lease and it has not expired.
var ErrHeld = errors.New("lease held")

// ErrLost: the lease was taken over (it expired while we held it).
var ErrLost = errors.New("lease lost")

// Record is one generation of a lease.
type Record struct {
	Holder   string    `json:"holder"` // host, pid and run: who to look for
	Acquired time.Time `json:"acquired"`
	Expires  time.Time `json:"expires"`
	Released bool      `json:"released,omitempty"`
}

// HeldError says who holds a lease.
type HeldError struct {
	Name string
	Record
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("lease %s is held by %s since %s (expires %s unless renewed)", e.Name, e.Holder,
		e.Acquired.Format(time.RFC3339), e.Expires.Format(time.RFC3339))
}

func (e *HeldError) Unwrap() error { return ErrHeld }

// Lease is a lease this process holds.
type Lease struct {
	store  objstore.Store
	name   string
	holder string
	ttl    time.Duration
	now    func() time.Time

	mu       sync.Mutex
	gen      uint64
	acquired time.Time
	lost     error
	stop     chan struct{}
	done     chan struct{}
}

// Options tune Acquire. Zero values take the defaults.
type Options struct {
	TTL    time.Duration    // how long a generation is valid; default 5 minutes
	Holder string           // default host:pid
	Now    func() time.Time // clock, for tests
}

// Holder names this process for lease records.
func Holder(run string) string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s pid %d run %s", host, os.Getpid(), run)
}

// Acquire takes lease name in store, or returns a *HeldError (wrapping
// ErrHeld) naming the current holder. A held lease is renewed in the
// background every TTL/3 until Release; Check reports if it was lost.
func Acquire(ctx context.Context, store objstore.Store, name string, opt Options) (*Lease, error) {
	if opt.TTL <= 0 {
		opt.TTL = 5 * time.Minute
	}
	if opt.Holder == "" {
		opt.Holder = Holder("-")
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if err := objstore.CheckKey(Dir + name + "/x"); err != nil || strings.Contains(name, "/") {
		return nil, fmt.Errorf("lease name %q: %w", name, objstore.ErrBadKey)
	}
	l := &Lease{store: store, name: name, holder: opt.Holder, ttl: opt.TTL, now: opt.Now}
	gen, rec, err := l.newest(ctx)
	if err != nil {
		return nil, err
	}
	now := l.now()
	if gen > 0 && !rec.Released && rec.Expires.After(now) {
		return nil, &HeldError{Name: name, Record: rec}
	}
	if err := l.put(ctx, gen+1, Record{Holder: l.holder, Acquired: now, Expires: now.Add(l.ttl)}); err != nil {
		if errors.Is(err, objstore.ErrExists) {
			_, rec, _ := l.newest(ctx)
			return nil, &HeldError{Name: name, Record: rec}
		}
		return nil, err
	}
	l.gen, l.acquired = gen+1, now
	l.cleanup(ctx, gen+1)
	l.stop, l.done = make(chan struct{}), make(chan struct{})
	go l.renewLoop()
	return l, nil
}

func (l *Lease) key(gen uint64) string {
	return fmt.Sprintf("%s%s/%020d.json", Dir, l.name, gen)
}

// newest returns the newest generation and its record (0 if none).
func (l *Lease) newest(ctx context.Context) (uint64, Record, error) {
	var last string
	err := l.store.List(ctx, Dir+l.name+"/", func(o objstore.Object) error {
		last = o.Key
		return nil
	})
	if err != nil || last == "" {
		return 0, Record{}, err
	}
	gen, err := strconv.ParseUint(strings.TrimSuffix(last[strings.LastIndex(last, "/")+1:], ".json"), 10, 64)
	if err != nil {
		return 0, Record{}, fmt.Errorf("lease %s: bad generation %s", l.name, last)
	}
	rc, err := l.store.Open(ctx, last)
	if err != nil {
		return 0, Record{}, fmt.Errorf("lease %s: %w", l.name, err)
	}
	defer rc.Close()
	var rec Record
	if err := json.NewDecoder(rc).Decode(&rec); err != nil {
		return 0, Record{}, fmt.Errorf("lease %s: read %s: %w", l.name, l.store.URI(last), err)
	}
	return gen, rec, nil
}

func (l *Lease) put(ctx context.Context, gen uint64, rec Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return l.store.PutIfAbsent(ctx, l.key(gen), b)
}

// cleanup deletes generations older than the previous one.
func (l *Lease) cleanup(ctx context.Context, gen uint64) {
	var old []string
	_ = l.store.List(ctx, Dir+l.name+"/", func(o objstore.Object) error {
		if o.Key < l.key(gen-1) {
			old = append(old, o.Key)
		}
		return nil
	})
	for _, k := range old {
		_ = l.store.Delete(ctx, k)
	}
}

func (l *Lease) renewLoop() {
	defer close(l.done)
	t := time.NewTicker(l.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), max(l.ttl/3, 10*time.Second))
			err := l.Renew(ctx)
			cancel()
			if errors.Is(err, ErrLost) {
				return
			}
		}
	}
}

// Renew extends the lease by its TTL now. It returns ErrLost if another
// holder has taken it; a failure to reach the store is returned as is (the
// lease may still be valid until it expires).
func (l *Lease) Renew(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lost != nil {
		return l.lost
	}
	now := l.now()
	err := l.put(ctx, l.gen+1, Record{Holder: l.holder, Acquired: l.acquired, Expires: now.Add(l.ttl)})
	if errors.Is(err, objstore.ErrExists) && l.ours(ctx, l.gen+1) {
		// An earlier renewal landed although we did not hear back.
		l.gen++
		err = l.put(ctx, l.gen+1, Record{Holder: l.holder, Acquired: l.acquired, Expires: now.Add(l.ttl)})
	}
	if errors.Is(err, objstore.ErrExists) {
		l.lost = fmt.Errorf("%w: lease %s was taken by another run after generation %d", ErrLost, l.name, l.gen)
		return l.lost
	}
	if err != nil {
		return fmt.Errorf("renew lease %s: %w", l.name, err)
	}
	l.gen++
	if l.gen%16 == 0 {
		l.cleanup(ctx, l.gen)
	}
	return nil
}

// ours reports whether generation gen was written by this holder.
func (l *Lease) ours(ctx context.Context, gen uint64) bool {
	rc, err := l.store.Open(ctx, l.key(gen))
	if err != nil {
		return false
	}
	defer rc.Close()
	var rec Record
	return json.NewDecoder(rc).Decode(&rec) == nil && rec.Holder == l.holder && rec.Acquired.Equal(l.acquired)
}

// Check returns nil while the lease is held: call it before committing
// work the lease protects. It renews first, so a commit right after a
// successful Check has a full TTL.
func (l *Lease) Check(ctx context.Context) error {
	return l.Renew(ctx)
}

// Release ends the lease so the next run need not wait for it to expire.
func (l *Lease) Release(ctx context.Context) error {
	if l.stop != nil {
		close(l.stop)
		<-l.done
		l.stop = nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lost != nil {
		return l.lost
	}
	now := l.now()
	err := l.put(ctx, l.gen+1, Record{Holder: l.holder, Acquired: l.acquired, Expires: now, Released: true})
	if errors.Is(err, objstore.ErrExists) {
		return fmt.Errorf("%w: lease %s", ErrLost, l.name)
	}
	if err == nil {
		l.gen++
	}
	return err
}

// List returns the newest record of every lease in store, by name.
func List(ctx context.Context, store objstore.Store) (map[string]Record, error) {
	out := map[string]Record{}
	var names []string
	err := store.ListDirs(ctx, Dir, func(dir string) error {
		names = append(names, strings.TrimSuffix(dir[len(Dir):], "/"))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		l := &Lease{store: store, name: n}
		gen, rec, err := l.newest(ctx)
		if err != nil {
			return nil, err
		}
		if gen > 0 {
			out[n] = rec
		}
	}
	return out, nil
}
