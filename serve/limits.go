package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/query"
	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/plan"
)

// gate caps the queries running at once. A query that finds every slot
// taken waits up to wait for one, then fails with ErrBusy.
type gate struct {
	slots chan struct{}
	wait  time.Duration
}

func newGate(n int, wait time.Duration) *gate {
	return &gate{slots: make(chan struct{}, n), wait: wait}
}

// enter takes a slot; the returned func gives it back (once, however often
// it is called).
func (g *gate) enter(ctx context.Context) (func(), error) {
	select {
	case g.slots <- struct{}{}:
	default:
		t := time.NewTimer(g.wait)
		defer t.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-t.C:
			return nil, fmt.Errorf("%w: %d queries are running, the most this server runs at once (waited %s for one to finish)", ErrBusy, cap(g.slots), g.wait)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	var once sync.Once
	return func() { once.Do(func() { <-g.slots }) }, nil
}

// kind is what went wrong, as far as a client needs to know.
type kind int

const (
	kindInternal    kind = iota // a bug
	kindInvalid                 // the statement or the request is wrong
	kindUnsupported             // valid, but not something this engine does
	kindMemory                  // over the per-query memory limit
	kindTimeout                 // over the time limit
	kindCanceled                // the client went away
	kindBusy                    // too many queries at once
	kindUnauth                  // no or bad credentials
	kindDenied                  // a change to data
	kindUnavailable             // the lake's storage failed; retrying may help
	kindNotFound                // an unknown handle
	kindTooLarge                // a statement over the size limit
)

// errNotFound: a prepared statement handle the server does not hold.
var errNotFound = errors.New("not found")

func classify(err error) kind {
	var pe *parse.Error
	var ne net.Error
	switch {
	case errors.As(err, &pe), errors.Is(err, fn.ErrValue), errors.Is(err, fn.ErrArgs), errors.Is(err, fn.ErrUnknownFunction), errors.Is(err, errPattern):
		return kindInvalid
	case errors.Is(err, query.ErrMemoryLimit):
		return kindMemory
	case errors.Is(err, context.DeadlineExceeded):
		return kindTimeout
	case errors.Is(err, context.Canceled):
		return kindCanceled
	case errors.Is(err, ErrBusy):
		return kindBusy
	case errors.Is(err, ErrUnauthenticated):
		return kindUnauth
	case errors.Is(err, ErrReadOnly):
		return kindDenied
	case errors.Is(err, plan.ErrUnsupported):
		return kindUnsupported
	case errors.Is(err, errNotFound):
		return kindNotFound
	case errors.Is(err, errTooLarge):
		return kindTooLarge
	case errors.Is(err, objstore.ErrThrottled), errors.Is(err, objstore.ErrNotFound), errors.Is(err, fs.ErrNotExist),
		errors.As(err, &ne):
		return kindUnavailable
	case errors.Is(err, query.ErrScalarSubquery):
		return kindInvalid // the statement's fault, not a bug
	}
	return kindInternal
}

// message is err as a client sees it: parse and name errors with the
// offending line and a caret under the column.
func message(err error) string {
	var pe *parse.Error
	if errors.As(err, &pe) {
		return pe.Pretty()
	}
	return err.Error()
}

// grpcError turns err into a gRPC status with the code its kind calls for.
// An error that already is a status passes through.
func grpcError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	codesByKind := map[kind]codes.Code{
		kindInternal:    codes.Internal,
		kindInvalid:     codes.InvalidArgument,
		kindUnsupported: codes.Unimplemented,
		kindMemory:      codes.ResourceExhausted,
		kindTimeout:     codes.DeadlineExceeded,
		kindCanceled:    codes.Canceled,
		kindBusy:        codes.ResourceExhausted,
		kindUnauth:      codes.Unauthenticated,
		kindDenied:      codes.PermissionDenied,
		kindUnavailable: codes.Unavailable,
		kindNotFound:    codes.NotFound,
		kindTooLarge:    codes.InvalidArgument,
	}
	return status.Error(codesByKind[classify(err)], message(err))
}

// httpStatus is the HTTP status for err's kind.
func httpStatus(err error) int {
	switch classify(err) {
	case kindInvalid, kindUnsupported, kindNotFound:
		return http.StatusBadRequest
	case kindMemory, kindTooLarge:
		return http.StatusRequestEntityTooLarge
	case kindTimeout:
		return http.StatusRequestTimeout
	case kindCanceled:
		return 499 // client closed the request; nobody reads it
	case kindBusy:
		return http.StatusTooManyRequests
	case kindUnauth:
		return http.StatusUnauthorized
	case kindDenied:
		return http.StatusForbidden
	case kindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
