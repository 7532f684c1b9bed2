package fn

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// format(fmt, args...) is Trino's, which formats as Java's String.format:
// conversions %s %S (any value as its text), %d %x %X %o (bigints), %f %e
// %E (doubles), %b (booleans), %% and %n; flags - + space 0 ,
// and #; a width, a precision and argument indexes (%2$s). A conversion that
// does not fit its argument is an error, as in Trino.
func init() {
	register("format", func(args []*vec.Type) (*Scalar, error) {
		if len(args) < 1 || !Coercible(args[0], tV) {
			return nil, argErr("format", args)
		}
		want := append([]*vec.Type{tV}, args[1:]...)
		for _, a := range args[1:] {
			if a.Kind == vec.Array || a.Kind == vec.Row {
				return nil, argErr("format", args)
			}
		}
		return &Scalar{Args: want, Ret: tV, Eval: rowwise(tV, true, func(_ *Ctx, x []any) (any, error) {
			if x[0] == nil {
				return nil, nil
			}
			return javaFormat(x[0].(string), x[1:], want[1:])
		})}, nil
	})
}

// javaFormat formats xs (of types ts; nil is NULL, printed "null" as Java
// does) by the Java format string f.
func javaFormat(f string, xs []any, ts []*vec.Type) (string, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: format: %s", ErrValue, fmt.Sprintf(format, a...))
	}
	var b strings.Builder
	next := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		// %[index$][flags][width][.precision]conversion
		j := i + 1
		start := j
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			j++
		}
		arg := -1
		if j < len(f) && f[j] == '$' && j > start {
			n, _ := strconv.Atoi(f[start:j])
			arg, j = n-1, j+1
		} else {
			j = start
		}
		flagsAt := j
		for j < len(f) && strings.IndexByte("-+ 0,#", f[j]) >= 0 {
			j++
		}
		flags := f[flagsAt:j]
		widthAt := j
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			j++
		}
		width := f[widthAt:j]
		prec := ""
		if j < len(f) && f[j] == '.' {
			k := j + 1
			for k < len(f) && f[k] >= '0' && f[k] <= '9' {
				k++
			}
			prec, j = f[j:k], k
		}
		if j >= len(f) {
			return "", bad("unfinished conversion at the end of %q", f)
		}
		conv := f[j]
		i = j
		switch conv {
		case '%':
			b.WriteByte('%')
			continue
		case 'n':
			b.WriteByte('\n')
			continue
		}
		if arg < 0 {
			arg = next
			next++
		}
		if arg >= len(xs) {
			return "", bad("%%%c needs argument %d, and there are %d", conv, arg+1, len(xs))
		}
		s, err := formatOne(xs[arg], ts[arg], conv, flags, width, prec)
		if err != nil {
			return "", bad("%v", err)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// formatOne is one conversion of one value.
func formatOne(x any, t *vec.Type, conv byte, flags, width, prec string) (string, error) {
	goFlags := strings.ReplaceAll(flags, ",", "")
	spec := "%" + goFlags + width + prec
	if x == nil {
		if conv == 'b' || conv == 'B' {
			return fmt.Sprintf("%"+goFlags+width+prec+"s", "false"), nil
		}
		return fmt.Sprintf("%"+strings.ReplaceAll(goFlags, "0", "")+width+prec+"s", "null"), nil
	}
	switch conv {
	case 's', 'S':
		s := fmt.Sprintf("%"+strings.ReplaceAll(goFlags, "0", "")+width+prec+"s", FormatValue(x, t))
		if conv == 'S' {
			s = strings.ToUpper(s)
		}
		return s, nil
	case 'b', 'B':
		v, ok := x.(bool)
		s := strconv.FormatBool(!ok || v) // Java: any non-NULL non-boolean is true
		if conv == 'B' {
			s = strings.ToUpper(s)
		}
		return fmt.Sprintf("%"+goFlags+width+prec+"s", s), nil
	case 'd', 'x', 'X', 'o':
		v, ok := x.(int64)
		if !ok || t.Kind != vec.Bigint {
			return "", fmt.Errorf("%%%c does not take a %s", conv, t)
		}
		if prec != "" {
			return "", fmt.Errorf("%%%c takes no precision", conv)
		}
		if conv != 'd' && v < 0 {
			// Java prints a negative long in hex or octal as its two's complement.
			base := 16
			if conv == 'o' {
				base = 8
			}
			s := strconv.FormatUint(uint64(v), base)
			if conv == 'X' {
				s = strings.ToUpper(s)
			}
			return fmt.Sprintf("%"+goFlags+width+"s", s), nil
		}
		s := fmt.Sprintf(spec+string(conv), v)
		if strings.Contains(flags, ",") && conv == 'd' {
			s = groupThousands(s, width, strings.Contains(flags, "-"))
		}
		return s, nil
	case 'f', 'e', 'E':
		var v float64
		switch x := x.(type) {
		case float64:
			v = x
		default:
			return "", fmt.Errorf("%%%c does not take a %s", conv, t)
		}
		var s string
		if conv == 'f' && !math.IsNaN(v) && !math.IsInf(v, 0) {
			// Java rounds the shortest decimal form half up (0.125 -> 0.13).
			p := 6
			if prec != "" {
				p, _ = strconv.Atoi(prec[1:])
			}
			num := halfUpFixed(v, p)
			plus, left := strings.Contains(goFlags, "+"), strings.Contains(goFlags, "-")
			switch {
			case strings.Contains(goFlags, "0") && !left:
				s = zeroPad(num, width, plus, strings.Contains(goFlags, " "))
			default:
				if plus && num[0] != '-' {
					num = "+" + num
				}
				pad := ""
				if left {
					pad = "-"
				}
				s = fmt.Sprintf("%"+pad+width+"s", num)
			}
		} else {
			s = fmt.Sprintf(spec+string(conv), v)
		}
		if strings.Contains(flags, ",") && conv == 'f' {
			s = groupThousands(s, width, strings.Contains(flags, "-"))
		}
		return s, nil
	}
	return "", fmt.Errorf("unknown conversion %%%c", conv)
}

// groupThousands puts commas between the thousands of the integer part of
// a formatted number, then pads it again to width.
func groupThousands(s, width string, left bool) string {
	t := strings.TrimSpace(s)
	sign := ""
	if t != "" && (t[0] == '-' || t[0] == '+') {
		sign, t = t[:1], t[1:]
	}
	intPart, frac, hasFrac := strings.Cut(t, ".")
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := sign + b.String()
	if hasFrac {
		out += "." + frac
	}
	if w, _ := strconv.Atoi(width); len(out) < w {
		pad := strings.Repeat(" ", w-len(out))
		if left {
			return out + pad
		}
		return pad + out
	}
	return out
}

// halfUpFixed is v with p decimals, rounded half up from its shortest
// decimal form, as Java's Formatter does.
func halfUpFixed(v float64, p int) string {
	neg := math.Signbit(v)
	digits := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(digits, ".")
	if len(frac) <= p {
		frac += strings.Repeat("0", p-len(frac))
	} else {
		up := frac[p] >= '5'
		frac = frac[:p]
		if up {
			// Add one in the last kept place, carrying left.
			num := []byte(intPart + frac)
			k := len(num) - 1
			for ; k >= 0; k-- {
				if num[k] == '9' {
					num[k] = '0'
					continue
				}
				num[k]++
				break
			}
			if k < 0 {
				num = append([]byte{'1'}, num...)
			}
			intPart, frac = string(num[:len(num)-p]), string(num[len(num)-p:])
		}
	}
	out := intPart
	if p > 0 {
		out += "." + frac
	}
	if neg { // Java keeps the sign of what rounds to zero: -0.00
		out = "-" + out
	}
	return out
}

// zeroPad pads a formatted number with zeros after its sign to width.
func zeroPad(num, width string, plus, space bool) string {
	sign := ""
	if strings.HasPrefix(num, "-") {
		sign, num = "-", num[1:]
	} else if plus {
		sign = "+"
	} else if space {
		sign = " "
	}
	w, _ := strconv.Atoi(width)
	if pad := w - len(sign) - len(num); pad > 0 {
		num = strings.Repeat("0", pad) + num
	}
	return sign + num
}
