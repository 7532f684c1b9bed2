package ingest

import (
	"path/filepath"
	"strings"
)

// SplitSource splits a source (an s3:// URI or a local path) that names
// an AWSLogs/ folder or a folder inside one: the store is to be opened at
// root and walked from prefix (ending in "/"), so that its keys keep the
// part of the layout that says their account, region and delivery day,
// and _source names the same key whichever folder the user pointed at
// ("/data/AWSLogs/111122223333" gives "/data" and "AWSLogs/111122223333/").
// The last AWSLogs folder of the path that the rest of the path continues
// as the layout does is the one taken. Any other source is returned whole,
// with prefix "".
func SplitSource(src string) (root, prefix string) {
	if rest, ok := strings.CutPrefix(src, "s3://"); ok {
		bucket, path, _ := strings.Cut(rest, "/")
		parts := strings.Split(strings.Trim(path, "/"), "/")
		i := lastAWSLogs(parts)
		if i < 0 {
			return src, ""
		}
		root = "s3://" + bucket + "/"
		if i > 0 {
			root += strings.Join(parts[:i], "/") + "/"
		}
		return root, strings.Join(parts[i:], "/") + "/"
	}
	clean := filepath.ToSlash(filepath.Clean(src))
	parts := strings.Split(clean, "/")
	i := lastAWSLogs(parts)
	if i < 0 {
		return src, ""
	}
	switch {
	case i == 0:
		root = "."
	case i == 1 && parts[0] == "":
		root = "/"
	default:
		root = strings.Join(parts[:i], "/")
	}
	return filepath.FromSlash(root), strings.Join(parts[i:], "/") + "/"
}

// lastAWSLogs is the index of the last "AWSLogs" in parts that the rest of
// parts continue as the layout does (an organisation, an account, a kind,
// a region, a year, a month, a day: any leading run of them), or -1. A
// folder named AWSLogs holding something else (a mirror of buckets) is
// not the layout's.
func lastAWSLogs(parts []string) int {
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "AWSLogs" && layoutRest(parts[i+1:]) {
			return i
		}
	}
	return -1
}

func layoutRest(rest []string) bool {
	if len(rest) > 0 && strings.HasPrefix(rest[0], "o-") {
		rest = rest[1:]
	}
	digits := func(s string, n int) bool {
		if len(s) != n {
			return false
		}
		for _, c := range s {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	checks := []func(string) bool{
		func(s string) bool { return digits(s, 12) },                      // account
		func(s string) bool { return strings.HasPrefix(s, "CloudTrail") }, // kind
		func(s string) bool { return s != "" },                            // region
		func(s string) bool { return digits(s, 4) },
		func(s string) bool { return digits(s, 2) },
		func(s string) bool { return digits(s, 2) },
	}
	if len(rest) > len(checks) {
		return false
	}
	for i, p := range rest {
		if !checks[i](p) {
			return false
		}
	}
	return true
}
