package ingest

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// Kind is what an object holds, as told by its key.
type Kind uint8

const (
	// Other: not CloudTrail data by its key; skipped.
	Other Kind = iota
	// Log: CloudTrail events (the CloudTrail/ folder, or an export file).
	Log
	// Digest: a CloudTrail-Digest integrity file; never converted.
	Digest
	// Insight: a CloudTrail-Insight file; its events go to the insights table.
	Insight
)

func (k Kind) String() string {
	return [...]string{"other", "log", "digest", "insight"}[k]
}

// KeyInfo is what a key says about its object.
type KeyInfo struct {
	Kind    Kind
	Org     string // o-xxxx for organisation trails
	Account string // from the key; a hint, the events' own fields win
	Region  string
	Date    string // delivery date YYYY-MM-DD from the folders
}

var dataExts = []string{".json", ".jsonl", ".ndjson"}

// hasDataExt reports whether name ends in a JSON data extension, with or
// without .gz.
func hasDataExt(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	for _, e := range dataExts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// ParseKey classifies one object key.
func ParseKey(key string) KeyInfo {
	base := path.Base(key)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(key, "_trailhouse/") || strings.Contains(key, "/_trailhouse/") {
		return KeyInfo{}
	}
	parts := strings.Split(key, "/")
	for i, p := range parts {
		if p != "AWSLogs" {
			continue
		}
		rest := parts[i+1:]
		var info KeyInfo
		if len(rest) > 0 && strings.HasPrefix(rest[0], "o-") {
			info.Org, rest = rest[0], rest[1:]
		}
		if len(rest) < 7 { // ACCOUNT, kind, REGION, YYYY, MM, DD, NAME
			break
		}
		info.Account = rest[0]
		switch rest[1] {
		case "CloudTrail":
			info.Kind = Log
		case "CloudTrail-Digest":
			info.Kind = Digest
		case "CloudTrail-Insight":
			info.Kind = Insight
		default:
			return KeyInfo{} // another service's logs in the same bucket
		}
		info.Region = rest[2]
		if y, m, d := rest[3], rest[4], rest[5]; len(y) == 4 && len(m) == 2 && len(d) == 2 {
			info.Date = y + "-" + m + "-" + d
		}
		if info.Kind != Digest && !hasDataExt(base) {
			return KeyInfo{}
		}
		return info
	}
	if hasDataExt(base) {
		return KeyInfo{Kind: Log}
	}
	return KeyInfo{}
}

// BadKey says why a listed key cannot be taken as a source object, or is
// nil. A local folder can hold names no S3 key can be: not valid UTF-8 (a
// copy from a Latin-1 system), or with a backslash. Such an object could not
// be named in the lake's _source column or recognised by the state on the
// next run, so it is reported instead of converted, until it is renamed.
func BadKey(key string) error {
	if !utf8.ValidString(key) {
		return fmt.Errorf("%w: the name %q is not valid UTF-8; rename it", ErrBadKey, key)
	}
	if err := objstore.CheckKey(key); err != nil {
		return fmt.Errorf("%w: the name %q cannot be an object key (a backslash, a NUL, or an empty, . or .. part); rename it", ErrBadKey, key)
	}
	return nil
}
