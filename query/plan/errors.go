package plan

import (
	"errors"
	"sort"
	"strings"

	"github.com/trailhouse/trailhouse/query/fn"
)

// Sentinel errors; the *parse.Error values the binder returns wrap none of
// these, they say what is wrong at a position instead.
var (
	// ErrUnsupported: valid SQL that this engine does not run.
	ErrUnsupported = errors.New("not supported")
)

// didYouMean suggests the candidates closest to name, or "".
func didYouMean(name string, candidates []string) string {
	type scored struct {
		s string
		d int
	}
	var best []scored
	for _, c := range candidates {
		d := editDistance(name, c)
		limit := len(name)/3 + 1
		if strings.Contains(c, name) && len(name) >= 3 {
			d = min(d, limit)
		}
		if d <= limit {
			best = append(best, scored{c, d})
		}
	}
	if len(best) == 0 {
		return ""
	}
	sort.SliceStable(best, func(i, j int) bool { return best[i].d < best[j].d || (best[i].d == best[j].d && best[i].s < best[j].s) })
	var out []string
	for i := 0; i < len(best) && i < 3; i++ {
		out = append(out, best[i].s)
	}
	return " (did you mean " + strings.Join(out, ", ") + "?)"
}

func editDistance(a, b string) int { return fn.EditDistance(a, b) }
