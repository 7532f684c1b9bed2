package convert

import "time"

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
// without a zone is taken as UTC.
func parseEventTime(s string) (ms int64, canonical, ok bool) {
	if len(s) == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z' {
		if t, err := time.Parse(CanonicalTimeLayout, s); err == nil {
			return t.UnixMilli(), true, true
		}
	}
	for _, layout := range otherTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixMilli(), false, true
		}
	}
	return 0, false, false
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
