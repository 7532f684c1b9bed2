package exec

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// TestSortKeysRadix: sortKeys (radix first, from radixMin rows) orders
// rows exactly as the comparators alone do, stably, for text with shared
// prefixes, integers of both signs, NULLs first and last, both directions
// and a second key.
func TestSortKeysRadix(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := radixMin * 3
	text := &vec.Vector{T: vec.TVarchar, Len: n, S: make([]string, n), Null: make([]bool, n)}
	ints := &vec.Vector{T: vec.TBigint, Len: n, I: make([]int64, n), Null: make([]bool, n)}
	second := &vec.Vector{T: vec.TBigint, Len: n, I: make([]int64, n)}
	prefixes := []string{"", "a", "abcdefgh", "abcdefg", "abcdefgh\x00", "zz"}
	for i := 0; i < n; i++ {
		text.S[i] = prefixes[r.IntN(len(prefixes))] + fmt.Sprint(r.IntN(50))
		text.Null[i] = r.IntN(20) == 0
		ints.I[i] = r.Int64N(2000) - 1000
		if r.IntN(7) == 0 {
			ints.I[i] = r.Int64() - r.Int64()
		}
		ints.Null[i] = r.IntN(20) == 0
		second.I[i] = int64(r.IntN(3))
	}
	for _, first := range []*vec.Vector{text, ints} {
		for _, spec := range []plan.SortKey{{}, {Desc: true}, {NullsFirst: true}, {Desc: true, NullsFirst: true}} {
			for _, two := range []bool{false, true} {
				keys, specs := []*vec.Vector{first}, []plan.SortKey{spec}
				if two {
					keys, specs = append(keys, second), append(specs, plan.SortKey{Desc: true})
				}
				got := make([]int32, n)
				for i := range got {
					got[i] = int32(i)
				}
				want := slices.Clone(got)
				sortKeys(keys, specs, got)
				var cmps []func(i, j int) int
				for k, v := range keys {
					cmps = append(cmps, keyComparer(v, specs[k]))
				}
				slices.SortStableFunc(want, func(a, b int32) int {
					for _, c := range cmps {
						if x := c(int(a), int(b)); x != 0 {
							return x
						}
					}
					return cmp.Compare(a, b)
				})
				if !slices.Equal(got, want) {
					t.Errorf("%s %+v two keys %v: radix order differs from the comparators'", first.T, spec, two)
				}
			}
		}
	}
}
