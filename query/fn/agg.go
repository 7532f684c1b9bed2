package fn

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// State is the running state of one aggregate over many groups.
//
// Update folds a batch into the groups: row i goes to group gids[i], or
// nowhere when gids[i] < 0; groups are numbered densely from 0 and ngroups
// is how many exist so far (a state grows to it). Result returns one value
// per group, for groups [0, ngroups). Size estimates the bytes held.
// Merge folds another state of the same aggregate into this one: the
// other's group g goes to group into[g] (ngroups as for Update); it fails
// with ErrNotMergeable for states that cannot combine (DISTINCT).
type State interface {
	Update(gids []int32, ngroups int, args []*vec.Vector) error
	Result(ngroups int) *vec.Vector
	Size() int64
	Merge(other State, into []int32, ngroups int) error
}

// ErrNotMergeable: partial states of this aggregate do not combine.
var ErrNotMergeable = errors.New("aggregate state cannot be merged")

// Aggregate is a resolved aggregate function.
type Aggregate struct {
	Name string
	Args []*vec.Type
	Ret  *vec.Type
	New  func() State
	// Coded: the states read their arguments only through vec's
	// functions (IsNull, Str, AppendKey, Codes), so text may come as
	// codes only (see vec.Vector).
	Coded bool
}

// Empty is the aggregate's value over no rows, for n groups: 0 for the
// counts, NULL for the others.
func (a *Aggregate) Empty(n int) (*vec.Vector, error) {
	st := a.New()
	args := make([]*vec.Vector, len(a.Args))
	for i, t := range a.Args {
		args[i] = vec.New(t, 0)
	}
	if err := st.Update([]int32{}, n, args); err != nil {
		return nil, err
	}
	return st.Result(n), nil
}

type aggResolver func(args []*vec.Type) (*Aggregate, error)

var aggregates = map[string]aggResolver{}

// IsAggregate reports whether name is an aggregate function.
func IsAggregate(name string) bool { _, ok := aggregates[name]; return ok }

// ResolveAggregate finds the aggregate name for the argument types;
// distinct applies it to distinct argument values only.
func ResolveAggregate(name string, args []*vec.Type, distinct bool) (*Aggregate, error) {
	r, ok := aggregates[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownFunction, name)
	}
	a, err := r(args)
	if err != nil {
		return nil, err
	}
	a.Name = name
	switch {
	case distinct && name == "count" && len(args) == 1:
		// count(DISTINCT x) counts keys: a set per group that merges.
		a.New = func() State { return &distinctCountState{wide: true} }
		a.Coded = true
	case distinct:
		inner := a.New
		a.New = func() State { return &distinctState{inner: inner()} }
	}
	return a, nil
}

func grow[T any](s []T, n int) []T {
	for len(s) < n {
		var z T
		s = append(s, z)
	}
	return s
}

func init() {
	aggregates["count"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) > 1 {
			return nil, argErr("count", args)
		}
		return &Aggregate{Args: args, Ret: tI, New: func() State { return &countState{} }, Coded: true}, nil
	}
	aggregates["count_if"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) != 1 || !Coercible(args[0], tB) {
			return nil, argErr("count_if", args)
		}
		return &Aggregate{Args: []*vec.Type{tB}, Ret: tI, New: func() State { return &countState{ifTrue: true} }}, nil
	}
	aggregates["sum"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) != 1 || !(args[0].Numeric() || args[0].Kind == vec.Unknown || args[0].Kind == vec.IntervalDay) {
			return nil, argErr("sum", args)
		}
		t := args[0]
		if t.Kind == vec.Unknown {
			t = tI
		}
		return &Aggregate{Args: []*vec.Type{t}, Ret: t, New: func() State { return &sumState{t: t} }}, nil
	}
	aggregates["avg"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) == 1 && args[0].Kind == vec.IntervalDay {
			// The mean interval, to the nearest millisecond.
			t := vec.TIntervalDay
			return &Aggregate{Args: []*vec.Type{t}, Ret: t, New: func() State { return &sumState{t: t, avg: true} }}, nil
		}
		if len(args) != 1 || !(args[0].Numeric() || args[0].Kind == vec.Unknown) {
			return nil, argErr("avg", args)
		}
		return &Aggregate{Args: []*vec.Type{tD}, Ret: tD, New: func() State { return &sumState{t: tD, avg: true} }}, nil
	}
	for _, name := range []string{"min", "max"} {
		name := name
		aggregates[name] = func(args []*vec.Type) (*Aggregate, error) {
			if len(args) == 2 && args[0].Orderable() && Coercible(args[1], tI) {
				// max(x, n): the n greatest values, greatest first.
				t := args[0]
				return &Aggregate{Args: []*vec.Type{t, tI}, Ret: vec.ArrayOf(t), New: func() State {
					return &topNState{byNState{t: t, max: name == "max"}}
				}}, nil
			}
			if len(args) != 1 || !args[0].Orderable() {
				return nil, argErr(name, args)
			}
			t := args[0]
			return &Aggregate{Args: args, Ret: t, New: func() State { return &extremeState{t: t, max: name == "max"} }, Coded: true}, nil
		}
	}
	for _, name := range []string{"min_by", "max_by"} {
		name := name
		aggregates[name] = func(args []*vec.Type) (*Aggregate, error) {
			if len(args) == 3 && args[1].Orderable() && Coercible(args[2], tI) {
				t := args[0]
				return &Aggregate{Args: []*vec.Type{t, args[1], tI}, Ret: vec.ArrayOf(t), New: func() State { return &byNState{t: t, max: name == "max_by"} }}, nil
			}
			if len(args) != 2 || !args[1].Orderable() {
				return nil, argErr(name, args)
			}
			t := args[0]
			return &Aggregate{Args: args, Ret: t, New: func() State { return &byState{t: t, max: name == "max_by"} }}, nil
		}
	}
	aggregates["arbitrary"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) != 1 {
			return nil, argErr("arbitrary", args)
		}
		t := args[0]
		return &Aggregate{Args: args, Ret: t, New: func() State { return &firstState{t: t} }, Coded: true}, nil
	}
	aggregates["any_value"] = aggregates["arbitrary"]
	aggregates["approx_distinct"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) < 1 || len(args) > 2 {
			return nil, argErr("approx_distinct", args)
		}
		return &Aggregate{Args: args, Ret: tI, New: func() State { return &distinctCountState{} }, Coded: true}, nil
	}
	aggregates["array_agg"] = func(args []*vec.Type) (*Aggregate, error) {
		if len(args) != 1 {
			return nil, argErr("array_agg", args)
		}
		t := args[0]
		return &Aggregate{Args: args, Ret: vec.ArrayOf(t), New: func() State { return &listState{t: t} }}, nil
	}
	for _, name := range []string{"bool_and", "bool_or", "every"} {
		name := name
		aggregates[name] = func(args []*vec.Type) (*Aggregate, error) {
			if len(args) != 1 || !Coercible(args[0], tB) {
				return nil, argErr(name, args)
			}
			return &Aggregate{Args: []*vec.Type{tB}, Ret: tB, New: func() State { return &boolState{or: name == "bool_or"} }}, nil
		}
	}
	for _, name := range []string{"stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop"} {
		name := name
		aggregates[name] = func(args []*vec.Type) (*Aggregate, error) {
			if len(args) != 1 || !args[0].Numeric() {
				return nil, argErr(name, args)
			}
			return &Aggregate{Args: []*vec.Type{tD}, Ret: tD, New: func() State { return &varState{kind: name} }}, nil
		}
	}
}

type countState struct {
	ifTrue bool
	n      []int64
}

func (s *countState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.n = grow(s.n, ng)
	switch {
	case len(a) == 0:
		for _, x := range g {
			if x >= 0 {
				s.n[x]++
			}
		}
	case s.ifTrue:
		for i, x := range g {
			if x >= 0 && !a[0].IsNull(i) && a[0].B[i] {
				s.n[x]++
			}
		}
	default:
		for i, x := range g {
			if x >= 0 && !a[0].IsNull(i) {
				s.n[x]++
			}
		}
	}
	return nil
}
func (s *countState) Result(ng int) *vec.Vector {
	s.n = grow(s.n, ng)
	return &vec.Vector{T: tI, Len: ng, I: s.n[:ng]}
}
func (s *countState) Size() int64 { return int64(cap(s.n)) * 8 }

type sumState struct {
	t   *vec.Type
	avg bool
	i   []int64
	f   []float64
	n   []int64
}

func (s *sumState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.n = grow(s.n, ng)
	v := a[0]
	if s.t.Kind == vec.Double {
		s.f = grow(s.f, ng)
		if v.T.Kind == vec.Unknown {
			return nil
		}
		for i, x := range g {
			if x >= 0 && !v.IsNull(i) {
				s.f[x] += v.F[i]
				s.n[x]++
			}
		}
		return nil
	}
	s.i = grow(s.i, ng)
	for i, x := range g {
		if x >= 0 && !v.IsNull(i) {
			r, err := AddInt(s.i[x], v.I[i])
			if err != nil && s.t.Kind == vec.Bigint {
				return err
			}
			s.i[x] = r
			s.n[x]++
		}
	}
	return nil
}
func (s *sumState) Result(ng int) *vec.Vector {
	s.n = grow(s.n, ng)
	out := vec.New(s.t, ng)
	for g := 0; g < ng; g++ {
		if s.n[g] == 0 {
			out.SetNull(g)
			continue
		}
		switch {
		case s.avg && s.t.Kind == vec.IntervalDay:
			out.I[g] = int64(math.Round(float64(s.i[g]) / float64(s.n[g])))
		case s.avg:
			out.F[g] = s.f[g] / float64(s.n[g])
		case s.t.Kind == vec.Double:
			out.F[g] = s.f[g]
		default:
			out.I[g] = s.i[g]
		}
	}
	return out
}
func (s *sumState) Size() int64 { return int64(cap(s.i)+cap(s.f)+cap(s.n)) * 8 }

// extremeState is min or max.
type extremeState struct {
	t   *vec.Type
	max bool
	set []bool
	i   []int64
	f   []float64
	s   []string
	b   []bool
	any []*vec.Vector // other types: a one-value vector per group
	sz  int64
}

func (s *extremeState) better(c int) bool { return (s.max && c > 0) || (!s.max && c < 0) }

func (s *extremeState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.set = grow(s.set, ng)
	v := a[0]
	switch s.t.Kind {
	case vec.Bigint, vec.Timestamp, vec.TimestampTZ, vec.Date, vec.IntervalDay, vec.IntervalMonth:
		s.i = grow(s.i, ng)
		for i, x := range g {
			if x < 0 || v.IsNull(i) {
				continue
			}
			if !s.set[x] || (s.max && v.I[i] > s.i[x]) || (!s.max && v.I[i] < s.i[x]) {
				s.i[x], s.set[x] = v.I[i], true
			}
		}
	case vec.Double:
		s.f = grow(s.f, ng)
		for i, x := range g {
			if x < 0 || v.IsNull(i) {
				continue
			}
			if !s.set[x] || (s.max && v.F[i] > s.f[x]) || (!s.max && v.F[i] < s.f[x]) {
				s.f[x], s.set[x] = v.F[i], true
			}
		}
	case vec.Varchar, vec.JSON:
		s.s = grow(s.s, ng)
		for i, x := range g {
			if x < 0 || v.IsNull(i) {
				continue
			}
			vs := v.Str(i)
			if !s.set[x] || s.better(strings.Compare(vs, s.s[x])) {
				if s.set[x] {
					s.sz -= int64(len(s.s[x]))
				}
				s.s[x], s.set[x] = strings.Clone(vs), true
				s.sz += int64(len(vs))
			}
		}
	case vec.Boolean:
		s.b = grow(s.b, ng)
		for i, x := range g {
			if x < 0 || v.IsNull(i) {
				continue
			}
			if !s.set[x] || (s.max && v.B[i] && !s.b[x]) || (!s.max && !v.B[i] && s.b[x]) {
				s.b[x], s.set[x] = v.B[i], true
			}
		}
	default:
		s.any = grow(s.any, ng)
		for i, x := range g {
			if x < 0 || v.IsNull(i) {
				continue
			}
			if !s.set[x] || s.better(vec.Compare(v, i, s.any[x], 0)) {
				s.any[x], s.set[x] = v.Take([]int32{int32(i)}), true
			}
		}
	}
	return nil
}

func (s *extremeState) Result(ng int) *vec.Vector {
	s.set = grow(s.set, ng)
	out := vec.New(s.t, ng)
	for g := 0; g < ng; g++ {
		if !s.set[g] {
			out.SetNull(g)
			continue
		}
		switch s.t.Kind {
		case vec.Bigint, vec.Timestamp, vec.TimestampTZ, vec.Date, vec.IntervalDay, vec.IntervalMonth:
			out.I[g] = s.i[g]
		case vec.Double:
			out.F[g] = s.f[g]
		case vec.Varchar, vec.JSON:
			out.S[g] = s.s[g]
		case vec.Boolean:
			out.B[g] = s.b[g]
		}
	}
	if s.any != nil {
		s.any = grow(s.any, ng)
		return oneValues(s.t, s.any[:ng]) // unset groups have no value: NULL
	}
	return out
}
func (s *extremeState) Size() int64 { return int64(len(s.set))*24 + s.sz }

// oneValues stacks one-value vectors, one per group; a nil one is NULL.
func oneValues(t *vec.Type, xs []*vec.Vector) *vec.Vector {
	if len(xs) == 0 {
		return vec.New(t, 0)
	}
	parts := make([]*vec.Vector, len(xs))
	for g, x := range xs {
		if x == nil {
			x = vec.Nulls(t, 1)
		}
		parts[g] = x
	}
	return vec.Concat(t, parts)
}

// byState is min_by/max_by: the x of the row with the least/greatest y.
type byState struct {
	t   *vec.Type
	max bool
	x   []*vec.Vector
	y   []*vec.Vector
}

func (s *byState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.x, s.y = grow(s.x, ng), grow(s.y, ng)
	for i, k := range g {
		if k < 0 || a[1].IsNull(i) {
			continue
		}
		if s.y[k] == nil {
			s.x[k], s.y[k] = a[0].Take([]int32{int32(i)}), a[1].Take([]int32{int32(i)})
			continue
		}
		c := vec.Compare(a[1], i, s.y[k], 0)
		if (s.max && c > 0) || (!s.max && c < 0) {
			s.x[k], s.y[k] = a[0].Take([]int32{int32(i)}), a[1].Take([]int32{int32(i)})
		}
	}
	return nil
}
func (s *byState) Result(ng int) *vec.Vector {
	s.x = grow(s.x, ng)
	return oneValues(s.t, s.x[:ng])
}
func (s *byState) Size() int64 { return int64(len(s.x)) * 128 }

// firstState is arbitrary: the first non-NULL value seen.
type firstState struct {
	t *vec.Type
	x []*vec.Vector
}

func (s *firstState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.x = grow(s.x, ng)
	for i, k := range g {
		if k >= 0 && s.x[k] == nil && !a[0].IsNull(i) {
			s.x[k] = a[0].Take([]int32{int32(i)})
		}
	}
	return nil
}
func (s *firstState) Result(ng int) *vec.Vector {
	s.x = grow(s.x, ng)
	return oneValues(s.t, s.x[:ng])
}
func (s *firstState) Size() int64 { return int64(len(s.x)) * 64 }

// distinctCountState counts the distinct hashes of the non-NULL values per
// group: 64-bit for approx_distinct (a collision among a million values
// has a chance of about 3 in 10^8, far inside its error bound), 128-bit for
// count(DISTINCT x). Sets of partial states merge by union.
//
// A group's hashes are appended to a buffer, which is sorted and rid of
// duplicates (compacted) when it has grown to twice its last distinct
// count: sequential work where a hash set probes memory at random.
type distinctCountState struct {
	// wide keys by 128 bits (two seeded hashes) for count(DISTINCT x),
	// where a false "seen" needs two independent collisions.
	wide bool
	sets []hashBuf
	sz   int64
	buf  []byte
	// hashes holds the values' hashes per code, for a few dictionaries.
	hashes map[*vec.Dict][]codeHash
}

// hashBuf is one group's hashes: h[:sorted] sorted and distinct, the rest
// as they came. It is compacted when it reaches next entries: at twice
// its distinct count, or four times when the last compaction found few
// duplicates (then compacting pays little). A group whose new hashes are
// mostly duplicates and whose distinct hashes are few moves to a hash set
// (set), where a duplicate costs a probe of memory in cache.
type hashBuf struct {
	h      [][2]uint64
	sorted int
	next   int
	set    *hashSet
}

// add adds x, compacting when due; it returns the change in bytes held.
func (b *hashBuf) add(x [2]uint64) int64 {
	if b.set != nil {
		return b.set.add(x)
	}
	b.h = append(b.h, x)
	if len(b.h) >= max(b.next, 1024) {
		return b.compact() + 16
	}
	return 16
}

// len returns the number of distinct hashes, compacting first.
func (b *hashBuf) len() (int, int64) {
	d := b.compact()
	if b.set != nil {
		return b.set.n, d
	}
	return len(b.h), d
}

// setMax is the most distinct hashes a group may move to a set with.
const setMax = 1 << 16

// compact sorts the unsorted hashes and merges them into the sorted ones,
// dropping duplicates; it returns the change in bytes held.
func (b *hashBuf) compact() int64 {
	before := len(b.h)
	if b.set != nil || b.sorted == before {
		return 0
	}
	tail := sortHashes(b.h[b.sorted:])
	var out [][2]uint64
	if b.sorted == 0 {
		out = tail[:0]
	} else {
		out = make([][2]uint64, 0, before)
	}
	// Merge h[:sorted] (distinct) and tail, keeping one of equal hashes.
	i, head := 0, b.h[:b.sorted]
	for _, x := range tail {
		for i < len(head) && cmpHash(head[i], x) < 0 {
			out = append(out, head[i])
			i++
		}
		if len(out) > 0 && out[len(out)-1] == x {
			continue
		}
		if i < len(head) && head[i] == x {
			continue
		}
		out = append(out, x)
	}
	out = append(out, head[i:]...)
	dups := before - len(out)
	if dups*2 >= before-b.sorted && len(out) <= setMax {
		st := &hashSet{}
		for _, x := range out {
			st.add(x)
		}
		b.set, b.h, b.sorted = st, nil, 0
		return st.bytes() - int64(before)*16
	}
	b.next = 2 * len(out)
	if dups*4 < before-b.sorted {
		b.next = 4 * len(out)
	}
	b.h, b.sorted = out, len(out)
	return int64(len(out)-before) * 16
}

// hashSet is an open-addressing set of hashes (uniform in [0]), probed
// linearly; the zero hash is kept aside as empty slots are zero.
type hashSet struct {
	slots [][2]uint64
	n     int
	zero  bool
}

// add adds x; it returns the change in bytes held.
func (t *hashSet) add(x [2]uint64) int64 {
	if x == ([2]uint64{}) {
		if !t.zero {
			t.zero = true
			t.n++
		}
		return 0
	}
	var grew int64
	if (t.n+1)*2 > len(t.slots) {
		grew = t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for k := x[0] & mask; ; k = (k + 1) & mask {
		switch t.slots[k] {
		case x:
			return grew
		case [2]uint64{}:
			t.slots[k] = x
			t.n++
			return grew
		}
	}
}

func (t *hashSet) grow() int64 {
	old := t.slots
	t.slots = make([][2]uint64, max(64, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, x := range old {
		if x == ([2]uint64{}) {
			continue
		}
		k := x[0] & mask
		for t.slots[k] != ([2]uint64{}) {
			k = (k + 1) & mask
		}
		t.slots[k] = x
	}
	return int64(len(t.slots)-len(old)) * 16
}

func (t *hashSet) bytes() int64 { return int64(len(t.slots)) * 16 }

// each calls f for every hash in t.
func (t *hashSet) each(f func([2]uint64)) {
	if t.zero {
		f([2]uint64{})
	}
	for _, x := range t.slots {
		if x != ([2]uint64{}) {
			f(x)
		}
	}
}

func cmpHash(a, b [2]uint64) int {
	if c := cmp.Compare(a[0], b[0]); c != 0 {
		return c
	}
	return cmp.Compare(a[1], b[1])
}

// sortHashes sorts h (uniformly distributed in h[0]) by distributing it
// into buckets by its top bits and sorting each bucket; it may return a
// new slice.
func sortHashes(h [][2]uint64) [][2]uint64 {
	if len(h) < 1<<12 {
		slices.SortFunc(h, cmpHash)
		return h
	}
	width := min(16, bits.Len(uint(len(h)/32)))
	shift := 64 - width
	count := make([]int, 1<<width+1)
	for _, x := range h {
		count[x[0]>>shift+1]++
	}
	for d := 1; d < len(count); d++ {
		count[d] += count[d-1]
	}
	out := make([][2]uint64, len(h))
	pos := slices.Clone(count[:len(count)-1])
	for _, x := range h {
		d := x[0] >> shift
		out[pos[d]] = x
		pos[d]++
	}
	for d := 0; d+1 < len(count); d++ {
		if count[d+1]-count[d] > 1 {
			slices.SortFunc(out[count[d]:count[d+1]], cmpHash)
		}
	}
	return out
}

// hashSeeds are fixed for the process, so states built on different
// goroutines merge.
var hashSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func (s *distinctCountState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.sets = grow(s.sets, ng)
	v := a[0]
	// A coded argument is hashed once per code.
	var memo []codeHash
	if v.Dict != nil {
		if s.hashes == nil || len(s.hashes) >= 16 {
			s.hashes = map[*vec.Dict][]codeHash{}
		}
		if memo = s.hashes[v.Dict]; memo == nil {
			memo = make([]codeHash, v.Dict.N)
			s.hashes[v.Dict] = memo
		}
	}
	for i, k := range g {
		if k < 0 || v.IsNull(i) {
			continue
		}
		var h [2]uint64
		if memo != nil && memo[v.Codes[i]].ok {
			h = memo[v.Codes[i]].h
		} else {
			s.buf = v.AppendKey(s.buf[:0], i)
			h[0] = maphash.Bytes(hashSeeds[0], s.buf)
			if s.wide {
				h[1] = maphash.Bytes(hashSeeds[1], s.buf)
			}
			if memo != nil {
				memo[v.Codes[i]] = codeHash{h: h, ok: true}
			}
		}
		s.sz += s.sets[k].add(h)
	}
	return nil
}

// codeHash is the hash of a code's value, once computed.
type codeHash struct {
	h  [2]uint64
	ok bool
}

func (s *distinctCountState) Result(ng int) *vec.Vector {
	s.sets = grow(s.sets, ng)
	out := vec.New(tI, ng)
	for g := 0; g < ng; g++ {
		n, d := s.sets[g].len()
		s.sz += d
		out.I[g] = int64(n)
	}
	return out
}
func (s *distinctCountState) Size() int64 { return s.sz + int64(len(s.sets))*48 }

// listState is array_agg: every value, NULLs included, in input order. It
// keeps the argument vectors it was given and, per group, references to
// their rows (batch << 32 | row).
type listState struct {
	t       *vec.Type
	batches []*vec.Vector
	rows    [][]uint64
	sz      int64
}

func (s *listState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.rows = grow(s.rows, ng)
	b := uint64(len(s.batches))
	used := false
	for i, k := range g {
		if k >= 0 {
			s.rows[k] = append(s.rows[k], b<<32|uint64(i))
			used = true
		}
	}
	if used {
		s.batches = append(s.batches, a[0])
		s.sz += int64(len(g)) * 16
	}
	return nil
}

func (s *listState) Result(ng int) *vec.Vector {
	s.rows = grow(s.rows, ng)
	ret := vec.ArrayOf(s.t)
	out := &vec.Vector{T: ret, Len: ng, Off: make([]int32, ng+1)}
	n := 0
	for g := 0; g < ng; g++ {
		n += len(s.rows[g])
		out.Off[g+1] = int32(n)
		if len(s.rows[g]) == 0 {
			out.SetNull(g)
		}
	}
	refs := make([]uint64, 0, n)
	for g := 0; g < ng; g++ {
		refs = append(refs, s.rows[g]...)
	}
	out.Elem = vec.Gather(s.t, s.batches, refs)
	return out
}
func (s *listState) Size() int64 { return s.sz }

type boolState struct {
	or       bool
	set, val []bool
}

func (s *boolState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.set, s.val = grow(s.set, ng), grow(s.val, ng)
	for i, k := range g {
		if k < 0 || a[0].IsNull(i) {
			continue
		}
		b := a[0].B[i]
		if !s.set[k] {
			s.set[k], s.val[k] = true, b
		} else if s.or {
			s.val[k] = s.val[k] || b
		} else {
			s.val[k] = s.val[k] && b
		}
	}
	return nil
}
func (s *boolState) Result(ng int) *vec.Vector {
	s.set, s.val = grow(s.set, ng), grow(s.val, ng)
	out := vec.New(tB, ng)
	for g := 0; g < ng; g++ {
		if !s.set[g] {
			out.SetNull(g)
		}
		out.B[g] = s.val[g]
	}
	return out
}
func (s *boolState) Size() int64 { return int64(len(s.set)) * 2 }

// varState is Welford's running variance.
type varState struct {
	kind          string
	n             []int64
	mean, m2, tmp []float64
}

func (s *varState) Update(g []int32, ng int, a []*vec.Vector) error {
	s.n, s.mean, s.m2 = grow(s.n, ng), grow(s.mean, ng), grow(s.m2, ng)
	for i, k := range g {
		if k < 0 || a[0].IsNull(i) {
			continue
		}
		x := a[0].F[i]
		s.n[k]++
		d := x - s.mean[k]
		s.mean[k] += d / float64(s.n[k])
		s.m2[k] += d * (x - s.mean[k])
	}
	return nil
}
func (s *varState) Result(ng int) *vec.Vector {
	s.n, s.mean, s.m2 = grow(s.n, ng), grow(s.mean, ng), grow(s.m2, ng)
	out := vec.New(tD, ng)
	pop := s.kind == "stddev_pop" || s.kind == "var_pop"
	for g := 0; g < ng; g++ {
		d := float64(s.n[g] - 1)
		if pop {
			d = float64(s.n[g])
		}
		if d <= 0 {
			out.SetNull(g)
			continue
		}
		v := s.m2[g] / d
		if strings.HasPrefix(s.kind, "stddev") {
			v = math.Sqrt(v)
		}
		out.F[g] = v
	}
	return out
}
func (s *varState) Size() int64 { return int64(len(s.n)) * 24 }

// distinctState feeds the inner state only the first occurrence of each
// argument tuple per group. Tuples are told apart by a 128-bit hash of
// their key encoding (two seeded 64-bit hashes): a false "seen" needs two
// independent collisions: for a billion values, a chance of about 1 in 10^21.
type distinctState struct {
	inner State
	seen  map[distinctKey]struct{}
	buf   []byte
	sz    int64
}

type distinctKey struct {
	g    int32
	a, b uint64
}

func (s *distinctState) Update(g []int32, ng int, a []*vec.Vector) error {
	if s.seen == nil {
		s.seen = map[distinctKey]struct{}{}
	}
	keep := make([]int32, len(g))
	for i, k := range g {
		keep[i] = -1
		if k < 0 {
			continue
		}
		s.buf = s.buf[:0]
		for _, v := range a {
			s.buf = v.AppendKey(s.buf, i)
		}
		key := distinctKey{g: k, a: maphash.Bytes(hashSeeds[0], s.buf), b: maphash.Bytes(hashSeeds[1], s.buf)}
		if _, dup := s.seen[key]; dup {
			continue
		}
		s.seen[key] = struct{}{}
		s.sz += 40
		keep[i] = k
	}
	return s.inner.Update(keep, ng, a)
}
func (s *distinctState) Result(ng int) *vec.Vector { return s.inner.Result(ng) }
func (s *distinctState) Size() int64               { return s.sz + s.inner.Size() }

func (s *countState) Merge(other State, into []int32, ng int) error {
	o := other.(*countState)
	s.n = grow(s.n, ng)
	for g, x := range o.n {
		s.n[into[g]] += x
	}
	return nil
}

func (s *sumState) Merge(other State, into []int32, ng int) error {
	o := other.(*sumState)
	s.n = grow(s.n, ng)
	if s.t.Kind == vec.Double {
		s.f = grow(s.f, ng)
		for g, x := range o.f {
			s.f[into[g]] += x
		}
	} else {
		s.i = grow(s.i, ng)
		for g, x := range o.i {
			r, err := AddInt(s.i[into[g]], x)
			if err != nil && s.t.Kind == vec.Bigint {
				return err
			}
			s.i[into[g]] = r
		}
	}
	for g, x := range o.n {
		s.n[into[g]] += x
	}
	return nil
}

func (s *extremeState) Merge(other State, into []int32, ng int) error {
	o := other.(*extremeState)
	// Each of the other's groups is one value: fold it in like a row.
	r := o.Result(len(o.set))
	gids := make([]int32, r.Len)
	for g := range gids {
		gids[g] = into[g]
	}
	return s.Update(gids, ng, []*vec.Vector{r})
}

func (s *byState) Merge(other State, into []int32, ng int) error {
	o := other.(*byState)
	s.x, s.y = grow(s.x, ng), grow(s.y, ng)
	for g := range o.y {
		if o.y[g] == nil {
			continue
		}
		t := into[g]
		if s.y[t] == nil {
			s.x[t], s.y[t] = o.x[g], o.y[g]
			continue
		}
		c := vec.Compare(o.y[g], 0, s.y[t], 0)
		if (s.max && c > 0) || (!s.max && c < 0) {
			s.x[t], s.y[t] = o.x[g], o.y[g]
		}
	}
	return nil
}

func (s *firstState) Merge(other State, into []int32, ng int) error {
	o := other.(*firstState)
	s.x = grow(s.x, ng)
	for g, x := range o.x {
		if x != nil && s.x[into[g]] == nil {
			s.x[into[g]] = x
		}
	}
	return nil
}

func (s *distinctCountState) Merge(other State, into []int32, ng int) error {
	o := other.(*distinctCountState)
	s.sets = grow(s.sets, ng)
	for g := range o.sets {
		t, from := &s.sets[into[g]], &o.sets[g]
		if from.set != nil {
			from.set.each(func(x [2]uint64) { s.sz += t.add(x) })
			continue
		}
		if t.set != nil {
			for _, x := range from.h {
				s.sz += t.add(x)
			}
			continue
		}
		t.h = append(t.h, from.h...)
		s.sz += int64(len(from.h)) * 16
		if len(t.h) >= max(t.next, 1024) {
			s.sz += t.compact()
		}
	}
	return nil
}

func (s *listState) Merge(other State, into []int32, ng int) error {
	o := other.(*listState)
	s.rows = grow(s.rows, ng)
	shift := uint64(len(s.batches))
	s.batches = append(s.batches, o.batches...)
	for g, rows := range o.rows {
		t := into[g]
		for _, r := range rows {
			s.rows[t] = append(s.rows[t], (r>>32+shift)<<32|r&0xffffffff)
		}
	}
	s.sz += o.sz
	return nil
}

func (s *boolState) Merge(other State, into []int32, ng int) error {
	o := other.(*boolState)
	s.set, s.val = grow(s.set, ng), grow(s.val, ng)
	for g := range o.set {
		if !o.set[g] {
			continue
		}
		t := into[g]
		switch {
		case !s.set[t]:
			s.set[t], s.val[t] = true, o.val[g]
		case s.or:
			s.val[t] = s.val[t] || o.val[g]
		default:
			s.val[t] = s.val[t] && o.val[g]
		}
	}
	return nil
}

func (s *varState) Merge(other State, into []int32, ng int) error {
	o := other.(*varState)
	s.n, s.mean, s.m2 = grow(s.n, ng), grow(s.mean, ng), grow(s.m2, ng)
	for g := range o.n {
		if o.n[g] == 0 {
			continue
		}
		t := into[g]
		na, nb := float64(s.n[t]), float64(o.n[g])
		d := o.mean[g] - s.mean[t]
		n := na + nb
		s.mean[t] += d * nb / n
		s.m2[t] += o.m2[g] + d*d*na*nb/n
		s.n[t] += o.n[g]
	}
	return nil
}

func (s *distinctState) Merge(State, []int32, int) error { return ErrNotMergeable }
