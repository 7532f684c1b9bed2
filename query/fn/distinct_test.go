package fn

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/trailhouse/trailhouse/query/vec"
)

// TestDistinctCount: count(DISTINCT x) and approx_distinct count exactly
// the distinct non-NULL values per group, through the compactions of the
// hash buffers and the merge of partial states.
func TestDistinctCount(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, name := range []string{"count", "approx_distinct"} {
		agg, err := ResolveAggregate(name, []*vec.Type{vec.TVarchar}, name == "count")
		if err != nil {
			t.Fatal(err)
		}
		const groups = 6 // group 5: a few hundred rows, few values
		want := make([]map[string]bool, groups)
		for g := range want {
			want[g] = map[string]bool{}
		}
		parts := []State{agg.New(), agg.New(), agg.New()}
		for batch := 0; batch < 30; batch++ {
			n := 5000
			v := &vec.Vector{T: vec.TVarchar, Len: n, S: make([]string, n), Null: make([]bool, n)}
			g := make([]int32, n)
			for i := 0; i < n; i++ {
				g[i] = int32(r.IntN(groups - 1))
				if g[i] == 0 && batch > 5 {
					g[i] = 1 // group 0 stops growing: its buffer ends sorted
				}
				// Group 1 sees few values many times; the others many.
				// Groups 3 and 4 are like group 1 in one partial state
				// only: their states merge from a set into a buffer and
				// from a buffer into a set.
				span := 1 << 20
				if g[i] == 1 || (g[i] == 4 && batch%3 == 0) || (g[i] == 3 && batch%3 == 1) {
					span = 300
				}
				v.S[i] = fmt.Sprint(r.IntN(span))
				if r.IntN(10) == 0 {
					v.Null[i] = true
					continue
				}
				if r.IntN(50) == 0 {
					g[i] = -1 // filtered out
					continue
				}
				want[g[i]][v.S[i]] = true
			}
			if err := parts[batch%len(parts)].Update(g, groups, []*vec.Vector{v}); err != nil {
				t.Fatal(err)
			}
		}
		small := &vec.Vector{T: vec.TVarchar, Len: 600, S: make([]string, 600)}
		sg := make([]int32, 600)
		for i := range sg {
			sg[i] = 5
			small.S[i] = fmt.Sprint(r.IntN(20))
			want[5][small.S[i]] = true
		}
		if err := parts[0].Update(sg, groups, []*vec.Vector{small}); err != nil {
			t.Fatal(err)
		}
		into := []int32{0, 1, 2, 3, 4, 5}
		for _, p := range parts[1:] {
			if err := parts[0].Merge(p, into, groups); err != nil {
				t.Fatal(err)
			}
		}
		got := parts[0].Result(groups)
		for g := 0; g < groups; g++ {
			if got.I[g] != int64(len(want[g])) {
				t.Errorf("%s group %d: %d distinct, want %d", name, g, got.I[g], len(want[g]))
			}
		}
		if parts[0].Size() <= 0 {
			t.Errorf("%s: size %d", name, parts[0].Size())
		}
	}
}
