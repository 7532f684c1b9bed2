package convert

import (
	"strings"
	"time"
)

// CanonicalTimeLayout is how CloudTrail writes eventTime.
const CanonicalTimeLayout = "2006-01-02T15:04:05Z"

var otherTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"20060102T150405Z",
}

// parseEventTime parses an eventTime value to Unix milliseconds (UTC,
// sub-millisecond digits truncated). canonical reports that s is exactly
// CanonicalTimeLayout, so formatting the instant gives s back. A time
// without a zone is taken as UTC; T and Z may be lower case (RFC 3339).
func parseEventTime(s string) (ms int64, canonical, ok bool) {
	if len(s) == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z' {
		if ms, ok := parseCanonical(s); ok {
			return ms, true, true
		}
		if t, err := time.Parse(CanonicalTimeLayout, s); err == nil {
			return t.UnixMilli(), true, true
		}
	}
	for _, layout := range otherTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixMilli(), false, true
		}
	}
	// RFC 3339 allows a lower-case T and Z, which time.Parse does not.
	if u := strings.ToUpper(s); u != s {
		ms, _, ok := parseEventTime(u)
		return ms, false, ok // not canonical: formatting gives u, not s
	}
	return 0, false, false
}

// parseCanonical is time.Parse(CanonicalTimeLayout, s) for the usual case,
// without its generality: all digits where the layout has digits, each
// field in range. It reports false for anything else, which time.Parse then
// decides.
func parseCanonical(s string) (int64, bool) {
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, sec := num(11, 2), num(14, 2), num(17, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return 0, false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	if day > days {
		return 0, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC).UnixMilli(), true
}

// FormatEventTime formats Unix milliseconds the way CloudTrail writes
// eventTime, with milliseconds only when they are not zero.
func FormatEventTime(ms int64) string {
	t := time.UnixMilli(ms).UTC()
	if ms%1000 != 0 {
		return t.Format("2006-01-02T15:04:05.000Z")
	}
	return t.Format(CanonicalTimeLayout)
}
