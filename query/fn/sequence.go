package fn

import (
	"fmt"
	"time"

	"github.com/trailhouse/trailhouse/query/vec"
)

// maxSequence is Trino's bound on sequence's result.
const maxSequence = 10000

// sequence(start, stop[, step]) is Trino's: the array from start to stop
// (both included when reached) by step. Bigints step by 1 or -1 when step
// is absent, dates by a day; a date's step is an interval of whole days or
// of months, a timestamp's any interval. Month steps count from start
// (2024-01-31 by a month: 2024-02-29, 2024-03-31). A zero step, a step
// going away from stop, or more than 10,000 values is an error.
func init() {
	register("sequence", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 && len(args) != 3 {
			return nil, argErr("sequence", args)
		}
		var base *vec.Type
		switch {
		case Coercible(args[0], tI) && Coercible(args[1], tI):
			base = tI
		case Coercible(args[0], tDt) && Coercible(args[1], tDt) && args[0].Kind != vec.Timestamp && args[1].Kind != vec.Timestamp:
			base = tDt
		case Coercible(args[0], tT) && Coercible(args[1], tT):
			base = tT
		default:
			return nil, argErr("sequence", args)
		}
		sig := []*vec.Type{base, base}
		var months bool
		if len(args) == 3 {
			switch {
			case base == tI && Coercible(args[2], tI):
				sig = append(sig, tI)
			case base != tI && args[2].Kind == vec.IntervalDay:
				sig = append(sig, vec.TIntervalDay)
			case base != tI && args[2].Kind == vec.IntervalMonth:
				sig, months = append(sig, vec.TIntervalMonth), true
			default:
				return nil, argErr("sequence", args)
			}
		} else if base == tT {
			return nil, fmt.Errorf("%w: sequence of timestamps needs a step (an interval)", ErrArgs)
		}
		ret := vec.ArrayOf(base)
		return &Scalar{Args: sig, Ret: ret, Eval: rowwise(ret, false, func(_ *Ctx, x []any) (any, error) {
			start, stop := x[0].(int64), x[1].(int64)
			step := int64(1)
			if len(x) == 3 {
				step = x[2].(int64)
			} else if stop < start {
				step = -1
			}
			switch {
			case base == tDt && !months:
				if len(x) == 3 {
					if step%dayMillis != 0 {
						return nil, fmt.Errorf("%w: sequence step must be a day interval if start and end values are dates", ErrValue)
					}
					step /= dayMillis
				}
			}
			if step == 0 {
				return nil, fmt.Errorf("%w: step must not be zero", ErrValue)
			}
			if (step > 0 && stop < start) || (step < 0 && stop > start) {
				return nil, fmt.Errorf("%w: sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start", ErrValue)
			}
			var out []any
			if months {
				t0 := time.UnixMilli(start).UTC()
				if base == tDt {
					t0 = time.Unix(start*86400, 0).UTC()
				}
				for k := int64(0); ; k++ {
					t := addMonths(t0, int(k*step))
					v := t.UnixMilli()
					if base == tDt {
						v = t.Unix() / 86400
					}
					if (step > 0 && v > stop) || (step < 0 && v < stop) {
						break
					}
					if len(out) == maxSequence {
						return nil, errSequenceTooLong
					}
					out = append(out, v)
				}
				return out, nil
			}
			// The distance in unsigned arithmetic: stop - start may not fit an int64.
			dist, by := uint64(stop)-uint64(start), uint64(step)
			if step < 0 {
				dist, by = uint64(start)-uint64(stop), -uint64(step)
			}
			if dist/by >= maxSequence {
				return nil, errSequenceTooLong
			}
			n := int64(dist/by) + 1
			out = make([]any, n)
			for k := range n {
				out[k] = start + k*step
			}
			return out, nil
		})}, nil
	})
}

const dayMillis = 24 * 60 * 60 * 1000

var errSequenceTooLong = fmt.Errorf("%w: result of sequence function must not have more than %d entries", ErrValue, maxSequence)
