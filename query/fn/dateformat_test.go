package fn

import (
	"math/rand/v2"
	"testing"

	"github.com/trailhouse/trailhouse/query/vec"
)

// TestDateFormatReuse: the kernel, which reuses the text of the row before
// within the format's unit, gives each row the text mysqlFormat gives it,
// over sorted and unsorted times (negative ones included), each unit of
// format, and a format that changes between rows.
func TestDateFormatReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	n := 5000
	ts := &vec.Vector{T: tT, Len: n, I: make([]int64, n), Null: make([]bool, n)}
	x := int64(-3 * 3600000)
	for i := range ts.I {
		if i < n/2 {
			x += r.Int64N(90000) // sorted, crossing seconds, minutes, hours
		} else {
			x = r.Int64N(4*86400000) - 86400000
		}
		ts.I[i] = x
		ts.Null[i] = r.IntN(40) == 0
	}
	formats := []string{"%Y-%m-%d %H:00", "%Y-%m-%d %H:%i", "%T", "%H:%i:%s.%f", "%W %p %j"}
	for _, varying := range []bool{false, true} {
		fs := &vec.Vector{T: tV, Len: n, S: make([]string, n)}
		for i := range fs.S {
			fs.S[i] = formats[0]
			if varying {
				fs.S[i] = formats[(i/7)%len(formats)]
			}
		}
		for _, f := range formats {
			if !varying {
				for i := range fs.S {
					fs.S[i] = f
				}
			}
			got, err := dateFormat(nil, []*vec.Vector{ts, fs}, n)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < n; i++ {
				if ts.IsNull(i) {
					if !got.IsNull(i) {
						t.Fatalf("row %d: NULL time gave %q", i, got.S[i])
					}
					continue
				}
				want, _ := mysqlFormat(TimeOf(ts.I[i]), fs.S[i])
				if got.S[i] != want {
					t.Fatalf("row %d (%d, %q): %q, want %q", i, ts.I[i], fs.S[i], got.S[i], want)
				}
			}
			if varying {
				break
			}
		}
	}
}
