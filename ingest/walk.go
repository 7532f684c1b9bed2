package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
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

// WalkOptions say which delivery days Walk lists, and how many listings
// it has in flight.
type WalkOptions struct {
	// Since returns the first delivery day (YYYY-MM-DD) to list in s, or ""
	// to list every day the stream has. Nil lists every day. It may be
	// called from several goroutines at once.
	Since func(s Stream) string
	// Until is the last delivery day to list when Since gives a day;
	// the zero value means tomorrow (UTC), which covers clock skew.
	Until time.Time
	// Include reports whether Walk lists stream s at all (sharding), and,
	// asked with Stream{}, whether it lists export files. Nil includes
	// everything.
	Include func(s Stream) bool
	// After, if set, returns the newest delivery day already converted in
	// s (or ""). When it is before Since's day, that day and the day
	// folders after it and before Since's are found with delimiter
	// listings and listed too: days copied in after the window passed them.
	After func(s Stream) string
	// Listed, if set, is called after each stream included was listed.
	Listed func(s Stream)
	// Concurrency is how many listing requests Walk has in flight at once
	// (accounts and streams are listed side by side); 0 means 1. It
	// changes nothing of what fn sees or in which order.
	Concurrency int
}

// WalkStats count what Walk did.
type WalkStats struct {
	Streams        int // account/region folders listed
	StreamsSkipped int // left to other shards
	Days           int // day folders listed
	// Layout is false when the prefix holds no AWSLogs/ tree: every object
	// under it was listed (export files).
	Layout bool
	// Unlisted are the folders outside the layout that could not be
	// listed, and were skipped.
	Unlisted []Unlisted
}

// Walk finds the objects under prefix, visiting a CloudTrail bucket
// layout with delimiter listings: AWSLogs/, organisation and account
// folders, the CloudTrail/ and CloudTrail-Insight/ folders (CloudTrail-Digest/
// and other services' folders are never listed), regions, and then only
// the delivery days WalkOptions select, so that a nightly run lists in
// proportion to the days it looks at, not to the bucket's history.
//
// prefix is "" or ends in "/"; it may be AWSLogs/ itself or any folder
// inside the layout down to a region, and then only that part of the
// layout is walked. Any other prefix is walked as a tree: an AWSLogs/
// folder in it, or up to nestDepth folders below it (a trail's key
// prefix), is walked as the layout; everything else under prefix is an
// export file, so no object under prefix goes unseen, except those of
// the layout's folders Walk never lists (CloudTrail-Digest/, other
// services' folders, days not selected).
//
// fn and Listed are called from Walk's goroutine, never at once: fn for
// each object with its stream ("" Prefix for exports), in an order fixed
// by the keys alone whatever WalkOptions.Concurrency is: folders in key
// order, the objects directly in a folder after its subfolders, streams in
// key order and objects in lexical key order within a stream. An error
// from fn stops the walk and is returned. So does a failed listing: each
// layout's account folders (and their kinds and regions) are listed
// before any of its streams' days, so a failure there comes before fn sees
// any of that layout's objects; within a level, the first failure in key
// order is the one returned.
func Walk(ctx context.Context, src objstore.Store, prefix string, opt WalkOptions, fn func(Stream, Object) error) (WalkStats, error) {
	var st WalkStats
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	if opt.Until.IsZero() {
		opt.Until = time.Now().UTC().Add(24 * time.Hour)
	}
	w := walker{src: src, opt: opt}
	parts := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
	for i, p := range parts {
		if p == "AWSLogs" {
			st.Layout = true
			return st, w.layout(ctx, strings.Join(parts[:i+1], "/")+"/", parts[i+1:], fn, &st)
		}
	}
	// fn's errors are told apart from listing errors, which a folder
	// outside the layout survives (see tree).
	call := func(s Stream, o Object) error {
		if err := fn(s, o); err != nil {
			return fnError{err}
		}
		return nil
	}
	err := w.tree(ctx, prefix, 0, call, &st)
	var fe fnError
	if errors.As(err, &fe) {
		err = fe.err
	}
	return st, err
}

// fnError carries an error of Walk's fn through the tree walk.
type fnError struct{ err error }

func (e fnError) Error() string { return e.err.Error() }
func (e fnError) Unwrap() error { return e.err }

// Unlisted is a folder outside the layout that could not be listed (its
// objects are neither converted nor recorded, so a later run that can
// list it converts them).
type Unlisted struct {
	Prefix string
	Err    error
}

// nestDepth is how many folders below Walk's prefix an AWSLogs/ tree is
// looked for (a trail's key prefix, such as "cloudtrail/" or
// "org/prod/"); a folder deeper than that with no AWSLogs/ tree on the way
// is listed whole, as export files.
const nestDepth = 2

// tree walks prefix, a folder outside the layout (depth folders below
// Walk's prefix): an AWSLogs/ folder in it as the layout, its other
// folders in turn, and its own objects as export files. A folder at
// nestDepth with no AWSLogs/ in it, or with no folders at all, is listed
// whole as export files, in one listing. A folder holding _trailhouse/
// is a lake and is skipped; exports are listed only when
// WalkOptions.Include(Stream{}) allows. Below Walk's prefix, a folder whose
// listing fails is recorded in st.Unlisted and skipped, so that one
// unreadable folder (lost+found) does not stop the run.
func (w *walker) tree(ctx context.Context, prefix string, depth int, fn func(Stream, Object) error, st *WalkStats) error {
	var dirs []string
	layout, lake := false, false
	err := w.src.ListDirs(ctx, prefix, func(dir string) error {
		switch dir[len(prefix):] {
		case "AWSLogs/":
			layout = true
		case "_trailhouse/":
			lake = true
			return nil
		}
		dirs = append(dirs, dir)
		return nil
	})
	if err != nil {
		return err
	}
	if lake && depth > 0 {
		return nil
	}
	exports := w.opt.Include == nil || w.opt.Include(Stream{})
	export := func(o objstore.Object) error {
		return fn(Stream{}, Object{Object: o, Info: ParseKey(o.Key)})
	}
	if !layout && (depth >= nestDepth || len(dirs) == 0) {
		if !exports {
			return nil
		}
		return w.src.List(ctx, prefix, export)
	}
	for _, dir := range dirs {
		if dir == prefix+"AWSLogs/" {
			st.Layout = true
			err = w.layout(ctx, dir, nil, fn, st)
		} else {
			err = w.tree(ctx, dir, depth+1, fn, st)
		}
		var fe fnError
		if err != nil && !errors.As(err, &fe) && ctx.Err() == nil && dir != prefix+"AWSLogs/" {
			st.Unlisted = append(st.Unlisted, Unlisted{Prefix: dir, Err: err})
			continue
		}
		if err != nil {
			return err
		}
	}
	if !exports {
		return nil
	}
	return w.src.ListFiles(ctx, prefix, export)
}

type walker struct {
	src objstore.Store
	opt WalkOptions
}

// A folder of the layout still to be listed; rest are the path elements
// of the user's prefix below it, which fix the levels they name.
type (
	accountDir struct {
		base, org, account string
		rest               []string
	}
	streamDir struct {
		s    Stream
		rest []string
	}
)

// layout walks the layout from base (ending in "AWSLogs/") in three
// rounds: the account folders, then each account's streams, then each
// stream's objects, the last two with up to Concurrency listings at once.
func (w *walker) layout(ctx context.Context, base string, rest []string, fn func(Stream, Object) error, st *WalkStats) error {
	// Objects beside the layout's folders (above the day folders) are
	// export files, where the store's folder listings show them.
	exports := w.opt.Include == nil || w.opt.Include(Stream{})
	emitStrays := func(strays []Object) error {
		if !exports {
			return nil
		}
		for _, o := range strays {
			if err := fn(Stream{}, o); err != nil {
				return err
			}
		}
		return nil
	}
	var strays []Object
	accounts, err := w.accounts(ctx, base, rest, &strays)
	if err != nil {
		return err
	}
	if err := emitStrays(strays); err != nil {
		return err
	}
	found := make([][]streamDir, len(accounts))
	foundStrays := make([][]Object, len(accounts))
	var streams []streamDir
	err = inOrder(ctx, len(accounts), w.opt.Concurrency,
		func(ctx context.Context, i int) (err error) {
			found[i], err = w.streams(ctx, accounts[i], &foundStrays[i])
			return err
		},
		func(i int) error {
			if err := emitStrays(foundStrays[i]); err != nil {
				return err
			}
			foundStrays[i] = nil
			for _, sd := range found[i] {
				if w.opt.Include != nil && !w.opt.Include(sd.s) {
					st.StreamsSkipped++
					continue
				}
				streams = append(streams, sd)
			}
			found[i] = nil
			return nil
		})
	if err != nil {
		return err
	}
	type listing struct {
		objs, strays []Object
		days         int
	}
	listed := make([]listing, len(streams))
	return inOrder(ctx, len(streams), w.opt.Concurrency,
		func(ctx context.Context, i int) error {
			var err error
			listed[i].objs, listed[i].days, err = w.objects(ctx, streams[i], &listed[i].strays)
			return err
		},
		func(i int) error {
			if err := emitStrays(listed[i].strays); err != nil {
				return err
			}
			s := streams[i].s
			st.Streams++
			st.Days += listed[i].days
			for _, o := range listed[i].objs {
				if err := fn(s, o); err != nil {
					return err
				}
			}
			listed[i] = listing{}
			if w.opt.Listed != nil {
				w.opt.Listed(s)
			}
			return nil
		})
}

// accounts returns the account folders under base (ending in "AWSLogs/"),
// those of organisation trails included, in key order.
func (w *walker) accounts(ctx context.Context, base string, rest []string, strays *[]Object) ([]accountDir, error) {
	inOrg := func(base, org string, rest []string) ([]accountDir, error) {
		if len(rest) > 0 {
			return []accountDir{{base + rest[0] + "/", org, rest[0], rest[1:]}}, nil
		}
		var out []accountDir
		err := w.eachDirStrays(ctx, base, strays, func(dir, name string) error {
			out = append(out, accountDir{dir, org, name, nil})
			return nil
		})
		return out, err
	}
	if len(rest) > 0 && strings.HasPrefix(rest[0], "o-") {
		return inOrg(base+rest[0]+"/", rest[0], rest[1:])
	}
	if len(rest) > 0 {
		return inOrg(base, "", rest)
	}
	var out []accountDir
	err := w.eachDirStrays(ctx, base, strays, func(dir, name string) error {
		if !strings.HasPrefix(name, "o-") {
			out = append(out, accountDir{dir, "", name, nil})
			return nil
		}
		in, err := inOrg(dir, name, nil)
		out = append(out, in...)
		return err
	})
	return out, err
}

// streams returns an account's streams: its CloudTrail/ and
// CloudTrail-Insight/ region folders, in key order.
func (w *walker) streams(ctx context.Context, a accountDir, strays *[]Object) ([]streamDir, error) {
	kindOf := func(name string) (Kind, bool) {
		switch name {
		case "CloudTrail":
			return Log, true
		case "CloudTrail-Insight":
			return Insight, true
		}
		return Other, false // CloudTrail-Digest, Config, ... are not listed
	}
	var out []streamDir
	regions := func(base string, s Stream, rest []string) error {
		if len(rest) > 0 {
			s.Region, s.Prefix = rest[0], base+rest[0]+"/"
			out = append(out, streamDir{s, rest[1:]})
			return nil
		}
		return w.eachDirStrays(ctx, base, strays, func(dir, name string) error {
			s.Region, s.Prefix = name, dir
			out = append(out, streamDir{s, nil})
			return nil
		})
	}
	if len(a.rest) > 0 {
		k, ok := kindOf(a.rest[0])
		if !ok {
			return nil, nil
		}
		err := regions(a.base+a.rest[0]+"/", Stream{Org: a.org, Account: a.account, Kind: k}, a.rest[1:])
		return out, err
	}
	err := w.eachDirStrays(ctx, a.base, strays, func(dir, name string) error {
		k, ok := kindOf(name)
		if !ok {
			return nil
		}
		return regions(dir, Stream{Org: a.org, Account: a.account, Kind: k}, nil)
	})
	return out, err
}

// objects lists one stream's objects: those of the selected days, or,
// below a day-level prefix, everything under it. It returns them in key
// order, with the number of day folders listed.
func (w *walker) objects(ctx context.Context, sd streamDir, strays *[]Object) ([]Object, int, error) {
	s := sd.s
	var (
		out  []Object
		days int
	)
	list := func(prefix string) error {
		days++
		return w.src.List(ctx, prefix, func(o objstore.Object) error {
			out = append(out, Object{Object: o, Info: ParseKey(o.Key)})
			return nil
		})
	}
	if len(sd.rest) > 0 { // the user pointed inside the dated folders
		return out, days, list(s.Prefix + strings.Join(sd.rest, "/") + "/")
	}
	since := ""
	if w.opt.Since != nil {
		since = w.opt.Since(s)
	}
	if since == "" {
		// First sight of this stream: find its days with delimiter listings.
		err := w.eachDirStrays(ctx, s.Prefix, strays, func(y, _ string) error {
			return w.eachDirStrays(ctx, y, strays, func(m, _ string) error {
				return w.eachDirStrays(ctx, m, strays, func(d, _ string) error { return list(d) })
			})
		})
		return out, days, err
	}
	day, err := time.Parse(time.DateOnly, since)
	if err != nil {
		return nil, days, fmt.Errorf("walk %s: bad first day %q: %w", w.src.URI(s.Prefix), since, err)
	}
	if w.opt.After != nil {
		if after := w.opt.After(s); after != "" && after < since {
			if err := w.daysBetween(ctx, s.Prefix, after, since, strays, list); err != nil {
				return nil, days, err
			}
		}
	}
	for ; !day.After(w.opt.Until); day = day.AddDate(0, 0, 1) {
		if err := list(s.Prefix + day.Format("2006/01/02") + "/"); err != nil {
			return nil, days, err
		}
	}
	return out, days, nil
}

// daysBetween calls list for each day folder YYYY/MM/DD under prefix whose
// day is from from and before before (both YYYY-MM-DD), finding them with
// delimiter listings of the years and months that can hold one; objects
// beside those folders go to strays.
func (w *walker) daysBetween(ctx context.Context, prefix, from, before string, strays *[]Object, list func(dir string) error) error {
	return w.eachDirStrays(ctx, prefix, strays, func(y, yn string) error {
		if len(yn) != 4 || yn < from[:4] || yn > before[:4] {
			return nil
		}
		return w.eachDirStrays(ctx, y, strays, func(m, mn string) error {
			if ym := yn + "-" + mn; len(mn) != 2 || ym < from[:7] || ym > before[:7] {
				return nil
			}
			return w.eachDirStrays(ctx, m, strays, func(d, dn string) error {
				if day := yn + "-" + mn + "-" + dn; len(dn) == 2 && day >= from && day < before {
					return list(d)
				}
				return nil
			})
		})
	})
}

// eachDir calls fn for each folder directly under base, with its name.
func (w *walker) eachDir(ctx context.Context, base string, fn func(dir, name string) error) error {
	return w.eachDirStrays(ctx, base, nil, fn)
}

// eachDirStrays is eachDir that also adds to strays the objects directly
// under base, where the store lists them in the same request (a file
// dropped beside the layout's folders, such as an export in AWSLogs/).
func (w *walker) eachDirStrays(ctx context.Context, base string, strays *[]Object, fn func(dir, name string) error) error {
	var dirs []string
	addDir := func(dir string) error {
		dirs = append(dirs, dir)
		return nil
	}
	var err error
	if ll, ok := w.src.(objstore.LevelLister); ok && strays != nil {
		err = ll.ListLevel(ctx, base, addDir, func(o objstore.Object) error {
			*strays = append(*strays, Object{Object: o, Info: ParseKey(o.Key)})
			return nil
		})
	} else {
		err = w.src.ListDirs(ctx, base, addDir)
	}
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

// inOrder calls work(ctx, i) for i from 0 to n-1, at most limit (at least
// 1) at once and never more than limit ahead of the next to emit, and
// emit(i), from its own goroutine, in order of i once work(i) returned.
// It stops at the first i whose work or emit fails and returns that error;
// the work still running then sees its ctx cancelled, and inOrder returns
// only after it has.
func inOrder(ctx context.Context, n, limit int, work func(ctx context.Context, i int) error, emit func(i int) error) error {
	limit = max(limit, 1)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	done := make([]chan error, n)
	next := 0
	start := func() {
		i, ch := next, make(chan error, 1)
		done[i] = ch
		next++
		wg.Go(func() { ch <- work(ctx, i) })
	}
	for next < min(n, limit) {
		start()
	}
	for i := range n {
		if err := <-done[i]; err != nil {
			return err
		}
		done[i] = nil
		if err := emit(i); err != nil {
			return err
		}
		if next < n {
			start()
		}
	}
	return nil
}
