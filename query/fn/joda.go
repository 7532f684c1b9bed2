package fn

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Joda-Time patterns, as format_datetime and parse_datetime take them: a
// run of one pattern letter is one field, its length choosing the form
// (padding of numbers, short or full names); text between single quotes is
// literal, and '' is a quote. Letters that Joda does not define are an
// error, as in Trino. Times are UTC, the session zone of the engine.

// jodaField is one piece of a pattern: a literal when letter is 0.
type jodaField struct {
	letter byte
	count  int
	lit    string
}

// jodaLetters are the pattern letters Joda defines.
const jodaLetters = "GCYxwedEyDMdaKhHkmsSzZ"

// jodaCompiled holds patterns already split (a query has few, used on
// every row): []jodaField or error.
var jodaCompiled sync.Map

// jodaCompile splits a pattern into fields; the result is shared and must
// not be changed.
func jodaCompile(f string) ([]jodaField, error) {
	if v, ok := jodaCompiled.Load(f); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.([]jodaField), nil
	}
	fields, err := splitJoda(f)
	if err != nil {
		jodaCompiled.Store(f, err)
		return nil, err
	}
	jodaCompiled.Store(f, fields)
	return fields, nil
}

func splitJoda(f string) ([]jodaField, error) {
	var out []jodaField
	lit := func(s string) {
		if n := len(out); n > 0 && out[n-1].letter == 0 {
			out[n-1].lit += s
			return
		}
		out = append(out, jodaField{lit: s})
	}
	for i := 0; i < len(f); {
		c := f[i]
		switch {
		case c == '\'':
			if i+1 < len(f) && f[i+1] == '\'' {
				lit("'")
				i += 2
				continue
			}
			j := i + 1
			var sb strings.Builder
			for ; j < len(f); j++ {
				if f[j] == '\'' {
					if j+1 < len(f) && f[j+1] == '\'' {
						sb.WriteByte('\'')
						j++
						continue
					}
					break
				}
				sb.WriteByte(f[j])
			}
			if j >= len(f) {
				return nil, fmt.Errorf("%w: unterminated quote in Joda pattern %q", ErrValue, f)
			}
			lit(sb.String())
			i = j + 1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			if !strings.ContainsRune(jodaLetters, rune(c)) {
				return nil, fmt.Errorf("%w: illegal pattern letter %q in Joda pattern %q", ErrValue, c, f)
			}
			j := i
			for j < len(f) && f[j] == c {
				j++
			}
			out = append(out, jodaField{letter: c, count: j - i})
			i = j
		default:
			j := i
			for j < len(f) && f[j] != '\'' && !(f[j] >= 'a' && f[j] <= 'z' || f[j] >= 'A' && f[j] <= 'Z') {
				j++
			}
			lit(f[i:j])
			i = j
		}
	}
	return out, nil
}

// jodaFormat implements format_datetime.
func jodaFormat(t time.Time, f string) (string, error) {
	fields, err := jodaCompile(f)
	if err != nil {
		return "", err
	}
	var b []byte
	num := func(v, width int) {
		s := strconv.Itoa(v)
		for k := len(s); k < width; k++ {
			b = append(b, '0')
		}
		b = append(b, s...)
	}
	for _, fl := range fields {
		n := fl.count
		switch fl.letter {
		case 0:
			b = append(b, fl.lit...)
		case 'G':
			b = append(b, "AD"...)
		case 'C':
			num(t.Year()/100, n)
		case 'y', 'Y':
			if n == 2 {
				num(t.Year()%100, 2)
			} else {
				num(t.Year(), n)
			}
		case 'x':
			y, _ := t.ISOWeek()
			if n == 2 {
				num(y%100, 2)
			} else {
				num(y, n)
			}
		case 'w':
			_, w := t.ISOWeek()
			num(w, n)
		case 'e':
			num((int(t.Weekday())+6)%7+1, n)
		case 'E':
			if n >= 4 {
				b = append(b, t.Weekday().String()...)
			} else {
				b = append(b, t.Weekday().String()[:3]...)
			}
		case 'D':
			num(t.YearDay(), n)
		case 'M':
			switch {
			case n >= 4:
				b = append(b, t.Month().String()...)
			case n == 3:
				b = append(b, t.Month().String()[:3]...)
			default:
				num(int(t.Month()), n)
			}
		case 'd':
			num(t.Day(), n)
		case 'a':
			if t.Hour() < 12 {
				b = append(b, "AM"...)
			} else {
				b = append(b, "PM"...)
			}
		case 'K':
			num(t.Hour()%12, n)
		case 'h':
			num((t.Hour()+11)%12+1, n)
		case 'H':
			num(t.Hour(), n)
		case 'k':
			num((t.Hour()+23)%24+1, n)
		case 'm':
			num(t.Minute(), n)
		case 's':
			num(t.Second(), n)
		case 'S':
			ms := fmt.Sprintf("%03d", t.Nanosecond()/1e6)
			for k := 0; k < n; k++ {
				if k < 3 {
					b = append(b, ms[k])
				} else {
					b = append(b, '0')
				}
			}
		case 'z':
			b = append(b, "UTC"...)
		case 'Z':
			switch n {
			case 1:
				b = append(b, "+0000"...)
			case 2:
				b = append(b, "+00:00"...)
			default:
				b = append(b, "UTC"...)
			}
		}
	}
	return string(b), nil
}

// jodaParse implements parse_datetime: the whole of s must match the
// pattern. Numbers take as many digits as they have (at least one; a
// padded field takes no more than its width when another number follows
// it directly), names match in any case, and a zone (Z, z) must be UTC or
// an offset, which the time is moved by.
func jodaParse(s, f string) (time.Time, error) {
	fields, err := jodaCompile(f)
	if err != nil {
		return time.Time{}, err
	}
	bad := func() (time.Time, error) {
		return time.Time{}, fmt.Errorf("%w: %q does not match Joda pattern %q", ErrValue, s, f)
	}
	y, mo, d, h, mi, sec, ms, doy := 1970, 1, 1, 0, 0, 0, 0, 0
	pm, half := false, false
	offset := 0
	j := 0
	for k, fl := range fields {
		if fl.letter == 0 {
			if !strings.HasPrefix(s[j:], fl.lit) {
				return bad()
			}
			j += len(fl.lit)
			continue
		}
		// A number directly followed by another number field is read
		// at its width (yyyyMMdd).
		maxDigits := 9
		if k+1 < len(fields) && fields[k+1].letter != 0 && strings.IndexByte("CYxwedyDMKhHkmsS", fields[k+1].letter) >= 0 {
			maxDigits = fl.count
		}
		number := func() (int, bool) {
			neg := false
			if j < len(s) && s[j] == '-' && (fl.letter == 'y' || fl.letter == 'Y') {
				neg = true
				j++
			}
			start := j
			for j < len(s) && j-start < maxDigits && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j == start {
				return 0, false
			}
			v, _ := strconv.Atoi(s[start:j])
			if neg {
				v = -v
			}
			return v, true
		}
		name := func(names []string) (int, bool) {
			for i, nm := range names {
				if len(s)-j >= len(nm) && strings.EqualFold(s[j:j+len(nm)], nm) {
					j += len(nm)
					return i, true
				}
			}
			return 0, false
		}
		var ok bool
		switch fl.letter {
		case 'y', 'Y', 'x':
			start := j
			if y, ok = number(); ok && fl.count == 2 && j-start == 2 {
				y += 2000 // Joda's two-digit years pivot on 2000 (within 50 years of now in Joda; fixed here)
				if y > time.Now().Year()+49 {
					y -= 100
				}
			}
		case 'M':
			if fl.count >= 3 {
				var i int
				if i, ok = name(monthNames); ok {
					mo = i%12 + 1
				}
			} else {
				mo, ok = number()
			}
		case 'd':
			d, ok = number()
		case 'D':
			doy, ok = number()
		case 'H', 'k':
			h, ok = number()
			if fl.letter == 'k' && h == 24 {
				h = 0
			}
		case 'h', 'K':
			h, ok = number()
			half = true
			if fl.letter == 'h' && h == 12 {
				h = 0
			}
		case 'm':
			mi, ok = number()
		case 's':
			sec, ok = number()
		case 'S':
			start := j
			var v int
			if v, ok = number(); ok {
				digits := j - start
				for ; digits < 3; digits++ {
					v *= 10
				}
				for ; digits > 3; digits-- {
					v /= 10
				}
				ms = v
			}
		case 'a':
			var i int
			if i, ok = name([]string{"AM", "PM"}); ok {
				pm = i == 1
			}
		case 'E':
			_, ok = name(weekdayNames)
		case 'e', 'w', 'C':
			_, ok = number()
		case 'G':
			_, ok = name([]string{"AD", "CE"})
		case 'z', 'Z':
			if _, ok = name([]string{"UTC", "Z", "GMT"}); ok {
				break
			}
			if j < len(s) && (s[j] == '+' || s[j] == '-') {
				sign := 1
				if s[j] == '-' {
					sign = -1
				}
				j++
				hh, ok1 := twoDigits(s, &j)
				if j < len(s) && s[j] == ':' {
					j++
				}
				mm, ok2 := twoDigits(s, &j)
				ok = ok1 && ok2
				offset = sign * (hh*3600 + mm*60)
			}
		}
		if !ok {
			return bad()
		}
	}
	if j != len(s) {
		return bad()
	}
	if half && pm {
		h += 12
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return bad()
	}
	var t time.Time
	if doy > 0 {
		t = time.Date(y, 1, 1, h, mi, sec, ms*1e6, time.UTC).AddDate(0, 0, doy-1)
	} else {
		t = time.Date(y, time.Month(mo), d, h, mi, sec, ms*1e6, time.UTC)
		if t.Day() != d {
			return bad() // February 30th
		}
	}
	return t.Add(-time.Duration(offset) * time.Second), nil
}

func twoDigits(s string, j *int) (int, bool) {
	if *j+2 > len(s) || s[*j] < '0' || s[*j] > '9' || s[*j+1] < '0' || s[*j+1] > '9' {
		return 0, false
	}
	v := int(s[*j]-'0')*10 + int(s[*j+1]-'0')
	*j += 2
	return v, true
}

// Month and weekday names as parse_datetime reads them: full names before
// short ones, so that "June" is not read as "Jun" followed by "e" (Joda
// reads either form whatever the count). Index i%12 (i%7) is the month
// (weekday from Sunday).
var (
	monthNames   = fullThenShort(12, func(i int) string { return time.Month(i + 1).String() })
	weekdayNames = fullThenShort(7, func(i int) string { return time.Weekday(i).String() })
)

func fullThenShort(n int, name func(int) string) []string {
	out := make([]string, 2*n)
	for i := 0; i < n; i++ {
		out[i], out[n+i] = name(i), name(i)[:3]
	}
	return out
}
