package fn

import (
	"errors"
	"testing"
	"time"
)

// TestJodaFormat: each Joda field letter in its padded, unpadded, short and
// full forms, quoted literals and ” quotes, on a time with every field
// distinct (and on one in the afternoon, for the 12-hour fields).
func TestJodaFormat(t *testing.T) {
	am := time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)
	pm := time.Date(2026, 12, 31, 15, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		t         time.Time
		pat, want string
	}{
		{am, "yyyy-MM-dd''HH", "2026-01-02'03"},
		{am, "yyyy-MM-dd'T'HH:mm:ss.SSS", "2026-01-02T03:04:05.678"},
		{am, "yy y M MM MMM MMMM d dd D DDD", "26 2026 1 01 Jan January 2 02 2 002"},
		{am, "E EEE EEEE e", "Fri Fri Friday 5"},
		{am, "H HH h hh K k a", "3 03 3 03 3 3 AM"},
		{pm, "H h hh K k a D", "15 3 03 3 15 PM 365"},
		{am, "S SS SSS SSSS", "6 67 678 6780"},
		{am, "x-'W'ww G C", "2026-W01 AD 20"},
		{am, "Z ZZ z 'it''s'", "+0000 +00:00 UTC it's"},
		{am, "", ""},
	} {
		got, err := jodaFormat(c.t, c.pat)
		if err != nil || got != c.want {
			t.Errorf("jodaFormat(%v, %q) = %q, %v; want %q", c.t, c.pat, got, err, c.want)
		}
	}
	for _, pat := range []string{"yyyy-MM-ddTHH", "'open", "q"} {
		if _, err := jodaFormat(am, pat); !errors.Is(err, ErrValue) {
			t.Errorf("jodaFormat(%q): %v, want ErrValue", pat, err)
		}
	}
}

// TestJodaParse: what format_datetime writes parses back, numbers without
// padding and names in any case are read, zones move the instant, and text
// that does not match the whole pattern is ErrValue.
func TestJodaParse(t *testing.T) {
	at := func(y, mo, d, h, mi, s, ms int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ms*1e6, time.UTC)
	}
	for _, c := range []struct {
		s, pat string
		want   time.Time
	}{
		{"2026-01-02T03:04:05.678", "yyyy-MM-dd'T'HH:mm:ss.SSS", at(2026, 1, 2, 3, 4, 5, 678)},
		{"2026-01-02T03:04:05Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", at(2026, 1, 2, 3, 4, 5, 0)},
		{"Jan 2, 2026, 3:04:05 PM", "MMM d, yyyy, h:mm:ss a", at(2026, 1, 2, 15, 4, 5, 0)},
		{"june 30 2026 12:00 am", "MMMM d yyyy hh:mm a", at(2026, 6, 30, 0, 0, 0, 0)},
		{"Friday, 02-Jan-26", "EEEE, dd-MMM-yy", at(2026, 1, 2, 0, 0, 0, 0)},
		{"20260102T0304+0100", "yyyyMMdd'T'HHmmZ", at(2026, 1, 2, 2, 4, 0, 0)},
		{"2026-01-02 03:04 -05:30", "yyyy-MM-dd HH:mm ZZ", at(2026, 1, 2, 8, 34, 0, 0)},
		{"2026-01-02 03:04:05 UTC", "yyyy-MM-dd HH:mm:ss z", at(2026, 1, 2, 3, 4, 5, 0)},
		{"2026 032", "yyyy DDD", at(2026, 2, 1, 0, 0, 0, 0)},
		{"2026-01-02 03:04:05.5", "yyyy-MM-dd HH:mm:ss.S", at(2026, 1, 2, 3, 4, 5, 500)},
	} {
		got, err := jodaParse(c.s, c.pat)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("jodaParse(%q, %q) = %v, %v; want %v", c.s, c.pat, got, err, c.want)
		}
		back, err := jodaFormat(c.want, "yyyy-MM-dd HH:mm:ss.SSS")
		if err != nil {
			t.Fatal(err)
		}
		if again, err := jodaParse(back, "yyyy-MM-dd HH:mm:ss.SSS"); err != nil || !again.Equal(c.want) {
			t.Errorf("round trip of %v through %q: %v, %v", c.want, back, again, err)
		}
	}
	for _, c := range []struct{ s, pat string }{
		{"2026-01-02", "yyyy-MM-dd HH"},
		{"2026-01-02 extra", "yyyy-MM-dd"},
		{"2026-02-30", "yyyy-MM-dd"},
		{"2026-13-01", "yyyy-MM-dd"},
		{"Foo 2 2026", "MMM d yyyy"},
		{"2026-01-02 25:00", "yyyy-MM-dd HH:mm"},
		{"x", "'open"},
	} {
		if _, err := jodaParse(c.s, c.pat); !errors.Is(err, ErrValue) {
			t.Errorf("jodaParse(%q, %q): %v, want ErrValue", c.s, c.pat, err)
		}
	}
}
