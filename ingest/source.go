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
// The last AWSLogs folder of the path is the one taken. Any other source is
// returned whole, with prefix "".
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

func lastAWSLogs(parts []string) int {
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "AWSLogs" {
			return i
		}
	}
	return -1
}
