package serve

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/trailhouse/trailhouse/query"
)

// A Flight query is two calls: GetFlightInfo, which must answer with the
// result's schema, and DoGet with the ticket it returned. GetFlightInfo
// binds the statement (which gives the schema, and runs its uncorrelated
// subqueries) and keeps the unread Rows for the DoGet, so that the work is
// not done twice. The ticket carries the statement text as well: a DoGet
// whose Rows are gone (expired, evicted, or held by another server behind
// a load balancer) runs the statement again, so a ticket never dangles.
//
// The store of unread Rows is bounded in size and in time: the oldest is
// closed when it is full, and each expires after ttl. Unread Rows hold no
// scan (the engine starts reading at the first Next), only the bound plan
// and its subqueries' values.

// ticketVersion starts every ticket; anything else is malformed.
const ticketVersion = "th1:"

const idLen = 16 // random bytes of a handle

func newID() string {
	b := make([]byte, idLen)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

// encodeTicket is the statement handle inside a TicketStatementQuery.
func encodeTicket(id, sql string) []byte {
	return []byte(ticketVersion + id + ":" + sql)
}

var errTicket = errors.New("malformed ticket")

func decodeTicket(b []byte) (id, sql string, err error) {
	s := string(b)
	rest, ok := strings.CutPrefix(s, ticketVersion)
	if !ok || len(rest) < 2*idLen+1 || rest[2*idLen] != ':' {
		return "", "", fmt.Errorf("%w: not a ticket from this server's GetFlightInfo", errTicket)
	}
	id, sql = rest[:2*idLen], rest[2*idLen+1:]
	if _, err := hex.DecodeString(id); err != nil {
		return "", "", fmt.Errorf("%w: bad handle", errTicket)
	}
	return id, sql, nil
}

type pending struct {
	rows     query.Rows
	who      Principal
	deadline time.Time // the query's time limit, counted from GetFlightInfo
	expires  time.Time
	seq      uint64
}

type ticketStore struct {
	mu   sync.Mutex
	m    map[string]*pending
	max  int
	ttl  time.Duration
	seq  uint64
	now  func() time.Time
	stop chan struct{}
	done chan struct{}
}

func newTicketStore(max int, ttl time.Duration) *ticketStore {
	t := &ticketStore{m: map[string]*pending{}, max: max, ttl: ttl, now: time.Now,
		stop: make(chan struct{}), done: make(chan struct{})}
	go t.sweeper()
	return t
}

// put keeps rows for a DoGet and returns its handle.
func (t *ticketStore) put(rows query.Rows, who Principal, deadline time.Time) string {
	id := newID()
	var evict query.Rows
	t.mu.Lock()
	if len(t.m) >= t.max {
		var oldID string
		var old *pending
		for k, p := range t.m {
			if old == nil || p.seq < old.seq {
				oldID, old = k, p
			}
		}
		delete(t.m, oldID)
		evict = old.rows
	}
	t.seq++
	t.m[id] = &pending{rows: rows, who: who, deadline: deadline, expires: t.now().Add(t.ttl), seq: t.seq}
	t.mu.Unlock()
	if evict != nil {
		evict.Close()
	}
	return id
}

// take hands over the Rows under id, if they are there and were made for
// who; the caller closes them.
func (t *ticketStore) take(id string, who Principal) (query.Rows, time.Time, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	p, ok := t.m[id]
	if !ok || p.who != who {
		return nil, time.Time{}, false
	}
	delete(t.m, id)
	return p.rows, p.deadline, true
}

func (t *ticketStore) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.m)
}

func (t *ticketStore) sweeper() {
	defer close(t.done)
	tick := time.NewTicker(max(t.ttl/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-tick.C:
			t.expire(false)
		}
	}
}

// expire closes the Rows past their time (all of them with everything).
func (t *ticketStore) expire(everything bool) {
	now := t.now()
	var gone []query.Rows
	t.mu.Lock()
	for k, p := range t.m {
		if everything || now.After(p.expires) {
			gone = append(gone, p.rows)
			delete(t.m, k)
		}
	}
	t.mu.Unlock()
	for _, r := range gone {
		r.Close()
	}
}

func (t *ticketStore) close() {
	close(t.stop)
	<-t.done
	t.expire(true)
}

// prepared is a prepared statement: its text and its result schema. It is
// run anew each time it is executed.
type prepared struct {
	sql      string
	schema   *arrow.Schema
	who      Principal
	lastUsed time.Time
}

// preparedStore is bounded like ticketStore: at most max statements, the
// least recently used closed first, each closed after idle without use.
type preparedStore struct {
	mu   sync.Mutex
	m    map[string]*prepared
	max  int
	idle time.Duration
	now  func() time.Time
}

func newPreparedStore(max int, idle time.Duration) *preparedStore {
	return &preparedStore{m: map[string]*prepared{}, max: max, idle: idle, now: time.Now}
}

func (s *preparedStore) put(p *prepared) string {
	id := newID()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, q := range s.m {
		if now.Sub(q.lastUsed) > s.idle {
			delete(s.m, k)
		}
	}
	if len(s.m) >= s.max {
		var oldID string
		var old *prepared
		for k, q := range s.m {
			if old == nil || q.lastUsed.Before(old.lastUsed) {
				oldID, old = k, q
			}
		}
		delete(s.m, oldID)
	}
	p.lastUsed = now
	s.m[id] = p
	return id
}

func (s *preparedStore) get(id string, who Principal) (*prepared, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.m[id]
	if !ok || p.who != who || s.now().Sub(p.lastUsed) > s.idle {
		return nil, fmt.Errorf("prepared statement %.8s…: %w (closed, or idle for more than %s)", id, errNotFound, s.idle)
	}
	p.lastUsed = s.now()
	return p, nil
}

func (s *preparedStore) remove(id string, who Principal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.m[id]; ok && p.who == who {
		delete(s.m, id)
	}
}
