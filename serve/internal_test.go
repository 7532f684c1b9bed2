package serve

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/trailhouse/trailhouse/query"
	"github.com/trailhouse/trailhouse/query/parse"
)

// closeRows is a query.Rows that only records that it was closed.
type closeRows struct{ closed atomic.Int32 }

func (r *closeRows) Schema() *arrow.Schema { return arrow.NewSchema(nil, nil) }
func (r *closeRows) Next(context.Context) (arrow.RecordBatch, error) {
	return nil, io.EOF
}
func (r *closeRows) Ordered() bool      { return false }
func (r *closeRows) Stats() query.Stats { return query.Stats{} }
func (r *closeRows) Close() error       { r.closed.Add(1); return nil }
func (r *closeRows) isClosed() bool     { return r.closed.Load() > 0 }
func (r *closeRows) String() string     { return fmt.Sprint(r.closed.Load()) }
func (r *closeRows) closedOnce() bool   { return r.closed.Load() == 1 }

func TestTicketStoreBounds(t *testing.T) {
	now := time.Unix(1000, 0)
	ts := &ticketStore{m: map[string]*pending{}, max: 2, ttl: time.Minute, now: func() time.Time { return now }}
	a, b, c := &closeRows{}, &closeRows{}, &closeRows{}
	ida := ts.put(a, "alice", time.Time{})
	idb := ts.put(b, "alice", time.Time{})
	idc := ts.put(c, "bob", time.Time{}) // evicts the oldest, a
	if !a.closedOnce() || b.isClosed() || c.isClosed() {
		t.Fatalf("eviction closed a=%s b=%s c=%s, want only a", a, b, c)
	}
	if _, _, ok := ts.take(ida, "alice"); ok {
		t.Error("an evicted ticket was handed out")
	}
	if _, _, ok := ts.take(idc, "alice"); ok {
		t.Error("bob's Rows were handed to alice")
	}
	r, _, ok := ts.take(idb, "alice")
	if !ok || r != b {
		t.Fatal("alice's ticket not handed to alice")
	}
	if _, _, ok := ts.take(idb, "alice"); ok {
		t.Error("a ticket's Rows were handed out twice")
	}
	now = now.Add(2 * time.Minute)
	ts.expire(false)
	if !c.closedOnce() || ts.len() != 0 {
		t.Errorf("expiry: c closed %s times, %d left", c, ts.len())
	}
	d := &closeRows{}
	ts.put(d, "", time.Time{})
	ts.expire(true)
	if !d.closedOnce() {
		t.Error("closing the store left Rows open")
	}
}

func TestPreparedStore(t *testing.T) {
	now := time.Unix(1000, 0)
	ps := newPreparedStore(2, time.Hour)
	ps.now = func() time.Time { return now }
	id1 := ps.put(&prepared{sql: "SELECT 1", who: "alice"})
	if _, err := ps.get(id1, "bob"); !errors.Is(err, errNotFound) {
		t.Errorf("bob got alice's statement: %v", err)
	}
	if p, err := ps.get(id1, "alice"); err != nil || p.sql != "SELECT 1" {
		t.Errorf("get: %v %v", p, err)
	}
	now = now.Add(time.Minute)
	id2 := ps.put(&prepared{sql: "SELECT 2", who: "alice"})
	now = now.Add(time.Minute)
	ps.get(id1, "alice") // id1 is now the most recently used
	ps.put(&prepared{sql: "SELECT 3", who: "alice"})
	if _, err := ps.get(id2, "alice"); err == nil {
		t.Error("the least recently used statement was kept over the bound")
	}
	if _, err := ps.get(id1, "alice"); err != nil {
		t.Errorf("a recently used statement was dropped: %v", err)
	}
	now = now.Add(2 * time.Hour)
	if _, err := ps.get(id1, "alice"); err == nil {
		t.Error("an idle statement was kept")
	}
	ps.remove("no-such", "alice") // no panic, no error
}

func TestDecodeTicket(t *testing.T) {
	id := newID()
	gotID, sql, err := decodeTicket(encodeTicket(id, "SELECT 1;\n"))
	if err != nil || gotID != id || sql != "SELECT 1;\n" {
		t.Errorf("round trip: %q %q %v", gotID, sql, err)
	}
	for _, bad := range []string{"", "th1:", "th1:" + id, "th2:" + id + ":SELECT 1", "th1:" + strings.Repeat("z", 32) + ":SELECT 1", "SELECT 1"} {
		if _, _, err := decodeTicket([]byte(bad)); !errors.Is(err, errTicket) {
			t.Errorf("%q: %v, want errTicket", bad, err)
		}
	}
}

func TestAuthCheck(t *testing.T) {
	a, err := ParseAuth(strings.NewReader("# c\n\ntok-A\nbasic bob:pw:with:colons\n"), "f")
	if err != nil {
		t.Fatal(err)
	}
	basic := func(s string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, c := range []struct {
		header string
		ok     bool
	}{
		{"Bearer tok-A", true},
		{"bearer tok-A", true},
		{"Bearer tok-B", false},
		{"Bearer tok-", false},
		{"Bearer bob:pw:with:colons", false}, // a user is not a token
		{basic("bob:pw:with:colons"), true},
		{"Basic " + base64.RawStdEncoding.EncodeToString([]byte("bob:pw:with:colons")), true},
		{basic("bob:pw"), false},
		{basic("tok-A"), false},
		{"Basic !!!", false},
		{"Digest x", false},
		{"", false},
		{"tok-A", false},
	} {
		p, err := a.Check(c.header)
		if c.ok != (err == nil) {
			t.Errorf("%q: %q %v, want ok=%v", c.header, p, err, c.ok)
		}
		if err != nil && !errors.Is(err, ErrUnauthenticated) {
			t.Errorf("%q: %v is not ErrUnauthenticated", c.header, err)
		}
	}
	var none *Auth
	if _, err := none.Check(""); err != nil {
		t.Errorf("no auth: %v", err)
	}
	for _, bad := range []string{"", "# only a comment\n", "basic nouser\n", "basic :pw\n", "two words\n"} {
		if _, err := ParseAuth(strings.NewReader(bad), "f"); err == nil {
			t.Errorf("ParseAuth(%q): no error", bad)
		}
	}
}

func TestSessionTokens(t *testing.T) {
	a, _ := AuthFromTokens("x", "env")
	now := time.Unix(1000, 0)
	a.now = func() time.Time { return now }
	tok := a.Session("user bob")
	if p, err := a.Check("Bearer " + tok); err != nil || p != "user bob" {
		t.Fatalf("session: %q %v", p, err)
	}
	if _, err := a.Check("Bearer " + tok[:len(tok)-2] + "xx"); err == nil {
		t.Error("a tampered session token was accepted")
	}
	other, _ := AuthFromTokens("x", "env") // another process: another key
	if _, err := other.Check("Bearer " + tok); err == nil {
		t.Error("a session token of another server was accepted")
	}
	now = now.Add(25 * time.Hour)
	if _, err := a.Check("Bearer " + tok); err == nil {
		t.Error("an expired session token was accepted")
	}
}

func TestGate(t *testing.T) {
	g := newGate(1, 10*time.Millisecond)
	rel, err := g.enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.enter(context.Background()); !errors.Is(err, ErrBusy) {
		t.Errorf("full gate: %v, want ErrBusy", err)
	}
	rel()
	rel() // twice is once
	rel2, err := g.enter(context.Background())
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	if len(g.slots) != 1 {
		t.Errorf("%d slots taken, want 1", len(g.slots))
	}
	rel2()
}

func TestErrorCodes(t *testing.T) {
	_, perr := parse.Parse("SELECT FROM")
	for _, c := range []struct {
		err  error
		code codes.Code
		http int
	}{
		{perr, codes.InvalidArgument, 400},
		{fmt.Errorf("run: %w", query.ErrMemoryLimit), codes.ResourceExhausted, 413},
		{fmt.Errorf("query stopped: %w", context.DeadlineExceeded), codes.DeadlineExceeded, 408},
		{fmt.Errorf("%w: 4 queries", ErrBusy), codes.ResourceExhausted, 429},
		{fmt.Errorf("%w: x", ErrUnauthenticated), codes.Unauthenticated, 401},
		{fmt.Errorf("%w: x", ErrReadOnly), codes.PermissionDenied, 403},
		{fmt.Errorf("run: %w", query.ErrScalarSubquery), codes.InvalidArgument, 400},
		{errors.New("index out of range"), codes.Internal, 500},
	} {
		if got := status.Code(grpcError(c.err)); got != c.code {
			t.Errorf("%v: %s, want %s", c.err, got, c.code)
		}
		if got := httpStatus(c.err); got != c.http {
			t.Errorf("%v: HTTP %d, want %d", c.err, got, c.http)
		}
	}
	if msg := status.Convert(grpcError(perr)).Message(); !strings.Contains(msg, "^") {
		t.Errorf("parse error message without a caret: %q", msg)
	}
}
