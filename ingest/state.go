package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// StateVersion is the format of the state files.
const StateVersion = 1

// Ref identifies one converted object's content.
type Ref struct {
	Size int64  `json:"s"`
	ETag string `json:"e,omitempty"`
}

func refOf(o objstore.Object) Ref { return Ref{Size: o.Size, ETag: o.ETag} }

// StreamState is what has been converted from one Stream.
type StreamState struct {
	// Updated orders copies of one stream found in several state files
	// (after the shard count changed): the newest wins.
	Updated time.Time `json:"updated"`
	// Watermark is the newest delivery day (YYYY-MM-DD) the stream was
	// listed through or had an object converted in.
	Watermark string `json:"watermark"`
	// Newest is the newest delivery day an object was converted in: days
	// after it hold nothing converted, and its own objects are kept when
	// older days are pruned ("" in states written before it was kept).
	Newest string `json:"newest,omitempty"`
	// Floor is the oldest day still tracked: days before it were pruned,
	// are never listed again, and objects found there are not converted.
	Floor string `json:"floor,omitempty"`
	// Days holds the converted objects of the tracked days: day -> key
	// relative to the stream's prefix -> content identity.
	Days map[string]map[string]Ref `json:"days"`
}

// State is what one shard of the incremental conversion of one source has
// converted. It is stored in the lake (see StateStore) and replaced as a
// whole, so a run's commit is one atomic write.
type State struct {
	Version int                     `json:"version"`
	Source  string                  `json:"source"`
	Streams map[string]*StreamState `json:"streams"` // by Stream.Prefix
	// Exports are objects outside the AWSLogs layout: key -> identity,
	// never pruned.
	Exports map[string]Ref `json:"exports,omitempty"`
}

// NewState returns an empty state for source.
func NewState(source string) *State {
	return &State{Version: StateVersion, Source: source, Streams: map[string]*StreamState{}, Exports: map[string]Ref{}}
}

// Status is what the state says of a listed object.
type Status uint8

const (
	// New: not converted yet.
	New Status = iota
	// Done: converted, with the same size and ETag.
	Done
	// Changed: a key converted before now has other content. It is not
	// converted again (that could duplicate its events).
	Changed
	// Expired: in a day older than the stream's Floor, which is no longer
	// tracked; treated as converted.
	Expired
)

func (st Status) String() string { return [...]string{"new", "done", "changed", "expired"}[st] }

// Since is the first delivery day a run must list in s: lookback days
// before the watermark, but not before the floor; "" for a stream never
// seen (list all of it).
func (s *State) Since(st Stream, lookback int) string {
	ss := s.Streams[st.Prefix]
	if ss == nil || ss.Watermark == "" {
		return ""
	}
	since := addDays(ss.Watermark, -lookback)
	if ss.Floor > since {
		since = ss.Floor
	}
	return since
}

// Check classifies a listed object.
func (s *State) Check(st Stream, o Object) Status {
	// A stream's object may also be in Exports: converted as an export
	// file by a run that did not walk its layout (before trails under a key
	// prefix were walked as such).
	if ref, ok := s.Exports[o.Key]; ok || st.Prefix == "" {
		return status(ok, ref, o)
	}
	ss := s.Streams[st.Prefix]
	if ss == nil {
		return New
	}
	day := o.Info.Date
	if ss.Floor != "" && day != "" && day < ss.Floor && (ss.Newest == "" || day < ss.Newest) {
		return Expired
	}
	ref, ok := ss.Days[day][strings.TrimPrefix(o.Key, st.Prefix)]
	return status(ok, ref, o)
}

func status(ok bool, ref Ref, o Object) Status {
	switch {
	case !ok:
		return New
	case ref.Size != o.Size || ref.ETag != "" && o.ETag != "" && ref.ETag != o.ETag:
		return Changed
	}
	return Done
}

// Add records o as converted, at time now.
func (s *State) Add(st Stream, o Object, now time.Time) {
	if st.Prefix == "" {
		s.Exports[o.Key] = refOf(o.Object)
		return
	}
	ss := s.Streams[st.Prefix]
	if ss == nil {
		ss = &StreamState{Days: map[string]map[string]Ref{}}
		s.Streams[st.Prefix] = ss
	}
	ss.Updated = now.UTC()
	day := o.Info.Date
	if ss.Days[day] == nil {
		ss.Days[day] = map[string]Ref{}
	}
	ss.Days[day][strings.TrimPrefix(o.Key, st.Prefix)] = refOf(o.Object)
	if day > ss.Watermark {
		ss.Watermark = day
	}
	if day > ss.Newest {
		ss.Newest = day
	}
}

// Newest is the newest delivery day an object of st was converted in, or
// "" when the state does not know it. A run looks in it and in the day
// folders after it that its window does not reach (a backfill copied in
// later).
func (s *State) Newest(st Stream) string {
	if ss := s.Streams[st.Prefix]; ss != nil {
		return ss.Newest
	}
	return ""
}

// Touch records that st was listed through day, so that an idle stream's
// watermark still advances and the days a run lists one by one stay
// bounded by the look-back window. (Later days between the newest
// converted one and the window are found by their folders: see
// WalkOptions.After.)
func (s *State) Touch(st Stream, day string, now time.Time) {
	if st.Prefix == "" || day == "" {
		return
	}
	ss := s.Streams[st.Prefix]
	if ss == nil {
		ss = &StreamState{Days: map[string]map[string]Ref{}}
		s.Streams[st.Prefix] = ss
	}
	if day > ss.Watermark {
		ss.Watermark = day
	}
	ss.Updated = now.UTC()
}

// Prune drops the days no run will list again (older than lookback days
// before each stream's watermark) and raises the floors to match.
func (s *State) Prune(lookback int) {
	for _, ss := range s.Streams {
		if ss.Watermark == "" {
			continue
		}
		floor := addDays(ss.Watermark, -lookback)
		if floor <= ss.Floor {
			continue
		}
		for day := range ss.Days {
			if day < floor && day != ss.Newest {
				delete(ss.Days, day)
			}
		}
		ss.Floor = floor
	}
}

// Reroot gives the export keys that lack prefix the prefix: keys of runs
// whose store was rooted at prefix (a source named ".../AWSLogs" before
// SplitSource), read by a run walking from prefix, which has no exports of
// its own, so that Check finds them under the full key.
func (s *State) Reroot(prefix string) {
	for k, ref := range s.Exports {
		if !strings.HasPrefix(k, prefix) {
			delete(s.Exports, k)
			s.Exports[prefix+k] = ref
		}
	}
}

// Objects counts the objects the state tracks.
func (s *State) Objects() int {
	n := len(s.Exports)
	for _, ss := range s.Streams {
		for _, d := range ss.Days {
			n += len(d)
		}
	}
	return n
}

// Clone returns a deep copy.
func (s *State) Clone() *State {
	b, _ := json.Marshal(s)
	c := NewState(s.Source)
	_ = json.Unmarshal(b, c)
	return c
}

func addDays(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// StateStore keeps the states of one source's shards in a lake, under
// _trailhouse/state/<SourceID>/.
type StateStore struct {
	lake   objstore.Store
	source string
	dir    string
}

// StateDir is where incremental state lives in the lake.
const StateDir = "_trailhouse/state/"

// SourceID names a source (its URI) in state folders and lease names, so
// that one lake can take several sources.
func SourceID(source string) string {
	h := sha256.Sum256([]byte(source))
	return hex.EncodeToString(h[:6])
}

// NewStateStore returns the state store for source (its URI) in lake.
func NewStateStore(lake objstore.Store, source string) *StateStore {
	return &StateStore{lake: lake, source: source, dir: StateDir + SourceID(source) + "/"}
}

// Load reads every shard's state file and merges them: for each stream the
// most recently updated copy wins, so a change of shard count loses
// nothing. A source never converted gives an empty state.
func (s *StateStore) Load(ctx context.Context) (*State, error) {
	merged := NewState(s.source)
	err := s.lake.List(ctx, s.dir, func(o objstore.Object) error {
		name := o.Key[len(s.dir):]
		if !strings.HasPrefix(name, "shard-") || !strings.HasSuffix(name, ".json.gz") {
			return nil
		}
		st, err := s.read(ctx, o.Key)
		if err != nil {
			return err
		}
		for p, ss := range st.Streams {
			if cur := merged.Streams[p]; cur == nil || ss.Updated.After(cur.Updated) {
				merged.Streams[p] = ss
			}
		}
		for k, r := range st.Exports {
			merged.Exports[k] = r
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load state %s: %w", s.lake.URI(s.dir), err)
	}
	return merged, nil
}

func (s *StateStore) read(ctx context.Context, key string) (*State, error) {
	b, err := readGzip(ctx, s.lake, key)
	if err != nil {
		return nil, err
	}
	st := NewState("")
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", s.lake.URI(key), ErrStateFormat, err)
	}
	if st.Version != StateVersion || st.Source != s.source {
		return nil, fmt.Errorf("%s: %w: version %d of source %q", s.lake.URI(key), ErrStateFormat, st.Version, st.Source)
	}
	if st.Streams == nil {
		st.Streams = map[string]*StreamState{}
	}
	return st, nil
}

// Save replaces the state file of shard (e.g. "shard-0-of-1") with the
// streams of st that include selects (nil: all), atomically.
func (s *StateStore) Save(ctx context.Context, shard string, st *State, include func(prefix string) bool) error {
	out := NewState(s.source)
	for p, ss := range st.Streams {
		if include == nil || include(p) {
			out.Streams[p] = ss
		}
	}
	if include == nil || include("") {
		out.Exports = st.Exports
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return writeGzip(ctx, s.lake, s.dir+shard+".json.gz", b)
}

// Pending is a run between its plan and its commit: the objects it
// converts, under its run ID (which names its files). See docs/layout.md.
type Pending struct {
	RunID   string          `json:"run_id"`
	Objects []PendingObject `json:"objects"`
	// Listed is the UTC day the run listed its streams through (its
	// today): completing the run may record its streams as listed to that
	// day (State.Touch), as the run itself would have. Empty in records
	// written before it existed.
	Listed string `json:"listed,omitempty"`
}

// PendingObject is one object of a pending run, with its stream's prefix
// ("" for an export file).
type PendingObject struct {
	Object
	Stream string `json:"stream"`
}

// Reroot is State.Reroot for a planned run's objects.
func (p *Pending) Reroot(prefix string) {
	for i := range p.Objects {
		if k := p.Objects[i].Key; !strings.HasPrefix(k, prefix) {
			p.Objects[i].Key = prefix + k
			p.Objects[i].Info = ParseKey(p.Objects[i].Key)
		}
	}
}

const pendingPrefix = "pending-"

func (s *StateStore) pendingKey(shard string) string {
	return s.dir + pendingPrefix + shard + ".json.gz"
}

// WritePending records p as shard's run in progress, atomically.
func (s *StateStore) WritePending(ctx context.Context, shard string, p *Pending) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return writeGzip(ctx, s.lake, s.pendingKey(shard), b)
}

// ReadPending returns shard's pending run, or nil if there is none.
func (s *StateStore) ReadPending(ctx context.Context, shard string) (*Pending, error) {
	key := s.pendingKey(shard)
	b, err := readGzip(ctx, s.lake, key)
	if errors.Is(err, objstore.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("pending run: %w", err)
	}
	var p Pending
	if err := json.Unmarshal(b, &p); err != nil || p.RunID == "" {
		return nil, fmt.Errorf("pending run %s: %w (%v); remove it only after checking the lake", s.lake.URI(key), ErrStateFormat, err)
	}
	return &p, nil
}

// DeletePending ends shard's pending run (a missing one is fine).
func (s *StateStore) DeletePending(ctx context.Context, shard string) error {
	if err := s.lake.Delete(ctx, s.pendingKey(shard)); err != nil {
		return fmt.Errorf("delete pending run: %w", err)
	}
	return nil
}

// PendingRuns returns the URIs of the pending runs of every source and
// shard in lake.
func PendingRuns(ctx context.Context, lake objstore.Store) ([]string, error) {
	var out []string
	err := lake.List(ctx, StateDir, func(o objstore.Object) error {
		if strings.HasPrefix(path.Base(o.Key), pendingPrefix) {
			out = append(out, lake.URI(o.Key))
		}
		return nil
	})
	return out, err
}

// writeGzip stores data gzip-compressed under key, atomically.
func writeGzip(ctx context.Context, store objstore.Store, key string, data []byte) error {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return err
	}
	w, err := store.Create(ctx, key)
	if err != nil {
		return fmt.Errorf("write %s: %w", store.URI(key), err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		w.Abort()
		return fmt.Errorf("write %s: %w", store.URI(key), err)
	}
	if err := w.Commit(); err != nil {
		return fmt.Errorf("write %s: %w", store.URI(key), err)
	}
	return nil
}

// readGzip reads an object written by writeGzip.
func readGzip(ctx context.Context, store objstore.Store, key string) ([]byte, error) {
	rc, err := store.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	zr, err := gzip.NewReader(rc)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", store.URI(key), err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", store.URI(key), err)
	}
	return b, nil
}
