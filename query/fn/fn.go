package fn

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/query/vec"
)

// Ctx is what kernels may consult beyond their arguments.
type Ctx struct {
	// Now is the statement's instant, for current_timestamp and friends.
	Now time.Time
}

// Kernel computes a function over n rows. Arguments have the types the
// signature asked for and length n.
type Kernel func(c *Ctx, args []*vec.Vector, n int) (*vec.Vector, error)

// Scalar is a resolved scalar function: the argument types its kernel
// expects (the caller casts to them) and the type it returns.
type Scalar struct {
	Name string
	Args []*vec.Type
	Ret  *vec.Type
	Eval Kernel
	// Volatile marks functions whose result is not a function of their
	// arguments alone (current_timestamp); they are not folded early.
	Volatile bool
	// PerRow marks functions with a new value on every row (random): they
	// are never computed once for a query or a batch.
	PerRow bool
	// Param is the part of the call its Args do not show, a constant the
	// kernel was built with (".arn": the field a $field call reads). Two
	// calls of one Name and Args compute the same only if their Params
	// are equal too, so it belongs in the call's text.
	Param string
}

// resolver builds a Scalar for argument types, or reports ErrArgs.
type resolver func(args []*vec.Type) (*Scalar, error)

var scalars = map[string]resolver{}

func register(name string, r resolver) {
	if _, dup := scalars[name]; dup {
		panic("fn: duplicate function " + name) // init-time programming error
	}
	scalars[name] = r
}

// Resolve finds the scalar function name for the argument types.
func Resolve(name string, args []*vec.Type) (*Scalar, error) {
	r, ok := scalars[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownFunction, name)
	}
	s, err := r(args)
	if err != nil {
		return nil, err
	}
	if s.Name == "" {
		s.Name = name
	}
	return s, nil
}

// Exists reports whether name is a scalar or aggregate function.
func Exists(name string) bool {
	_, a := scalars[name]
	_, b := aggregates[name]
	return a || b || slices.Contains(windowOnly, name)
}

// windowOnly are the window functions that are not aggregates (the planner
// binds them; see plan's windowCall).
var windowOnly = []string{"row_number", "rank", "dense_rank", "lag", "lead", "ntile"}

// Names lists the functions users may call, for "did you mean".
func Names() []string {
	var out []string
	for n := range scalars {
		if !strings.HasPrefix(n, "$") {
			out = append(out, n)
		}
	}
	for n := range aggregates {
		out = append(out, n)
	}
	out = append(out, windowOnly...)
	sort.Strings(out)
	return out
}

func argErr(name string, args []*vec.Type) error {
	ts := make([]string, len(args))
	for i, a := range args {
		ts[i] = a.String()
	}
	return fmt.Errorf("%w: %s(%s)", ErrArgs, name, strings.Join(ts, ", "))
}

// Coercible reports whether a value of type from may be used where to is
// expected without an explicit CAST, the implicit coercions of the dialect
// plus the Athena-isms of a lake whose eventtime and booleans Athena types
// as strings.
func Coercible(from, to *vec.Type) bool {
	if from.Equal(to) || from.Kind == vec.Unknown {
		return true
	}
	switch to.Kind {
	case vec.Double:
		return from.Kind == vec.Bigint
	case vec.Varchar:
		return from.Kind == vec.JSON || from.Kind == vec.Timestamp
	case vec.Timestamp:
		// A timestamp with time zone gives its wall clock (hour(), date_format).
		return from.Kind == vec.Date || from.Kind == vec.Varchar || from.Kind == vec.TimestampTZ
	case vec.TimestampTZ:
		return from.Kind == vec.Date || from.Kind == vec.Timestamp || from.Kind == vec.TimestampTZ
	case vec.Array:
		return from.Kind == vec.Array && Coercible(from.Elem, to.Elem)
	}
	return false
}

// fixed is a resolver for one signature: arguments coercible to want.
func fixed(name string, ret *vec.Type, k Kernel, want ...*vec.Type) resolver {
	return func(args []*vec.Type) (*Scalar, error) {
		if len(args) != len(want) {
			return nil, argErr(name, args)
		}
		for i := range args {
			if !Coercible(args[i], want[i]) {
				return nil, argErr(name, args)
			}
		}
		return &Scalar{Args: want, Ret: ret, Eval: k}, nil
	}
}

// overloads tries resolvers in order.
func overloads(name string, rs ...resolver) resolver {
	return func(args []*vec.Type) (*Scalar, error) {
		for _, r := range rs {
			if s, err := r(args); err == nil {
				return s, nil
			}
		}
		return nil, argErr(name, args)
	}
}

// nullsOf merges the NULL masks of args: a row is NULL when any argument is.
func nullsOf(n int, args ...*vec.Vector) []bool {
	var out []bool
	for _, a := range args {
		if a.Null == nil {
			continue
		}
		if out == nil {
			out = make([]bool, n)
		}
		for i, x := range a.Null {
			if x {
				out[i] = true
			}
		}
	}
	return out
}

func isNull(nulls []bool, i int) bool { return nulls != nil && nulls[i] }

// strToStr maps each non-NULL string; f returning ok=false gives NULL.
func strToStr(f func(string) (string, bool)) Kernel {
	return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: vec.TVarchar, Len: n, S: make([]string, n), Null: nullsOf(n, a[0])}
		for i := 0; i < n; i++ {
			if isNull(out.Null, i) {
				continue
			}
			s, ok := f(a[0].S[i])
			if !ok {
				out.SetNull(i)
				continue
			}
			out.S[i] = s
		}
		return out, nil
	}
}

// rowwise builds a kernel from a function of boxed values; NULL arguments
// give NULL unless callOnNull. It is for the functions off the hot path.
func rowwise(ret *vec.Type, callOnNull bool, f func(c *Ctx, xs []any) (any, error)) Kernel {
	return func(c *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		b := vec.NewBuilder(ret)
		xs := make([]any, len(a))
	rows:
		for i := 0; i < n; i++ {
			for j, v := range a {
				xs[j] = v.Get(i)
				if xs[j] == nil && !callOnNull {
					if err := b.Append(nil); err != nil {
						return nil, err
					}
					continue rows
				}
			}
			y, err := f(c, xs)
			if err != nil {
				return nil, err
			}
			if err := b.Append(y); err != nil {
				return nil, err
			}
		}
		v := b.Vector()
		if v.Len != n { // all-empty builder
			return vec.New(ret, n), nil
		}
		return v, nil
	}
}
