package ingest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// Stream is one account/region folder of one kind: the unit the incremental
// state tracks and sharding splits by.
type Stream struct {
	// Prefix is the folder's key prefix, ending in "/", e.g.
	// "AWSLogs/o-abc/111122223333/CloudTrail/us-east-1/".
	Prefix       string
	Org, Account string
	Kind         Kind // Log or Insight
	Region       string
}

// ShardKeyOf returns what --shard hashes for the stream with prefix
// ".../AWSLogs/[o-ORG/]ACCOUNT/KIND/REGION/": "ACCOUNT/REGION", so that a
// stream's logs and insights go to one shard ("" for any other prefix,
// such as the exports' "").
func ShardKeyOf(prefix string) string {
	parts := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
	if len(parts) < 4 {
		return ""
	}
	return parts[len(parts)-3] + "/" + parts[len(parts)-1]
}

// WalkOptions say which delivery days Walk lists.
type WalkOptions struct {
	// Since returns the first delivery day (YYYY-MM-DD) to list in s, or ""
	// to list every day the stream has. Nil lists every day.
	Since func(s Stream) string
	// Until is the last delivery day to list when Since gives a day;
	// the zero value means tomorrow (UTC), which covers clock skew.
	Until time.Time
	// Include reports whether Walk lists stream s at all (sharding). Nil
	// includes every stream.
	Include func(s Stream) bool
	// Listed, if set, is called after each stream included was listed.
	Listed func(s Stream)
}

// WalkStats count what Walk did.
type WalkStats struct {
	Streams        int // account/region folders listed
	StreamsSkipped int // left to other shards
	Days           int // day folders listed
	// Layout is false when the prefix holds no AWSLogs/ tree: every object
	// under it was listed (export files).
	Layout bool
}

// Walk finds the objects under prefix, visiting a CloudTrail bucket
// layout with delimiter listings: AWSLogs/, organisation and account
// folders, the CloudTrail/ and CloudTrail-Insight/ folders (CloudTrail-Digest/
// and other services' folders are never listed), regions, and then only
// the delivery days WalkOptions select, so that a nightly run lists in
// proportion to the days it looks at, not to the bucket's history.
//
// prefix is "" or ends in "/"; it may be the folder holding AWSLogs/,
// AWSLogs/ itself, or any folder inside the layout down to a region. A
// prefix with no AWSLogs/ tree is listed whole, as export files.
//
// fn is called for each object with its stream ("" Prefix for exports) in
// lexical key order within a stream.
func Walk(ctx context.Context, src objstore.Store, prefix string, opt WalkOptions, fn func(Stream, Object) error) (WalkStats, error) {
	var st WalkStats
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	if opt.Until.IsZero() {
		opt.Until = time.Now().UTC().Add(24 * time.Hour)
	}
	w := walker{ctx: ctx, src: src, opt: opt, fn: fn, st: &st}
	parts := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
	for i, p := range parts {
		if p == "AWSLogs" {
			st.Layout = true
			return st, w.descend(strings.Join(parts[:i+1], "/")+"/", parts[i+1:])
		}
	}
	// Not inside the layout: is AWSLogs/ right below?
	found := false
	err := src.ListDirs(ctx, prefix, func(dir string) error {
		if strings.TrimSuffix(dir[len(prefix):], "/") == "AWSLogs" {
			found = true
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	if found {
		st.Layout = true
		return st, w.descend(prefix+"AWSLogs/", nil)
	}
	err = src.List(ctx, prefix, func(o objstore.Object) error {
		return fn(Stream{}, Object{Object: o, Info: ParseKey(o.Key)})
	})
	return st, err
}

type walker struct {
	ctx context.Context
	src objstore.Store
	opt WalkOptions
	fn  func(Stream, Object) error
	st  *WalkStats
}

// descend walks the layout from base (ending in "AWSLogs/"); rest are the
// path elements of the user's prefix below it, which fix the first levels.
func (w *walker) descend(base string, rest []string) error {
	if len(rest) > 0 && strings.HasPrefix(rest[0], "o-") {
		return w.accounts(base+rest[0]+"/", rest[0], rest[1:])
	}
	if len(rest) > 0 {
		return w.account(base+rest[0]+"/", "", rest[0], rest[1:])
	}
	return w.eachDir(base, func(dir, name string) error {
		if strings.HasPrefix(name, "o-") {
			return w.accounts(dir, name, nil)
		}
		return w.account(dir, "", name, nil)
	})
}

func (w *walker) accounts(base, org string, rest []string) error {
	if len(rest) > 0 {
		return w.account(base+rest[0]+"/", org, rest[0], rest[1:])
	}
	return w.eachDir(base, func(dir, name string) error { return w.account(dir, org, name, nil) })
}

func (w *walker) account(base, org, acct string, rest []string) error {
	kindOf := func(name string) (Kind, bool) {
		switch name {
		case "CloudTrail":
			return Log, true
		case "CloudTrail-Insight":
			return Insight, true
		}
		return Other, false // CloudTrail-Digest, Config, ... are not listed
	}
	if len(rest) > 0 {
		k, ok := kindOf(rest[0])
		if !ok {
			return nil
		}
		return w.kind(base+rest[0]+"/", Stream{Org: org, Account: acct, Kind: k}, rest[1:])
	}
	return w.eachDir(base, func(dir, name string) error {
		k, ok := kindOf(name)
		if !ok {
			return nil
		}
		return w.kind(dir, Stream{Org: org, Account: acct, Kind: k}, nil)
	})
}

func (w *walker) kind(base string, s Stream, rest []string) error {
	if len(rest) > 0 {
		s.Region, s.Prefix = rest[0], base+rest[0]+"/"
		return w.stream(s, rest[1:])
	}
	return w.eachDir(base, func(dir, name string) error {
		s.Region, s.Prefix = name, dir
		return w.stream(s, nil)
	})
}

// stream lists one account/region folder: the selected days, or, below a
// day-level prefix, everything under it.
func (w *walker) stream(s Stream, rest []string) error {
	if w.opt.Include != nil && !w.opt.Include(s) {
		w.st.StreamsSkipped++
		return nil
	}
	w.st.Streams++
	if err := w.days(s, rest); err != nil {
		return err
	}
	if w.opt.Listed != nil {
		w.opt.Listed(s)
	}
	return nil
}

func (w *walker) days(s Stream, rest []string) error {
	if len(rest) > 0 { // the user pointed inside the dated folders
		return w.list(s, s.Prefix+strings.Join(rest, "/")+"/")
	}
	since := ""
	if w.opt.Since != nil {
		since = w.opt.Since(s)
	}
	if since == "" {
		// First sight of this stream: find its days with delimiter listings.
		return w.eachDir(s.Prefix, func(y, _ string) error {
			return w.eachDir(y, func(m, _ string) error {
				return w.eachDir(m, func(d, _ string) error { return w.list(s, d) })
			})
		})
	}
	day, err := time.Parse(time.DateOnly, since)
	if err != nil {
		return fmt.Errorf("walk %s: bad first day %q: %w", w.src.URI(s.Prefix), since, err)
	}
	for ; !day.After(w.opt.Until); day = day.AddDate(0, 0, 1) {
		if err := w.list(s, s.Prefix+day.Format("2006/01/02")+"/"); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) list(s Stream, prefix string) error {
	w.st.Days++
	return w.src.List(w.ctx, prefix, func(o objstore.Object) error {
		return w.fn(s, Object{Object: o, Info: ParseKey(o.Key)})
	})
}

// eachDir calls fn for each folder directly under base, with its name.
func (w *walker) eachDir(base string, fn func(dir, name string) error) error {
	var dirs []string
	err := w.src.ListDirs(w.ctx, base, func(dir string) error {
		dirs = append(dirs, dir)
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range dirs {
		if err := fn(d, strings.TrimSuffix(d[len(base):], "/")); err != nil {
			return err
		}
	}
	return nil
}
