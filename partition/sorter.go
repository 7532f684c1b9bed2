package partition

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"

	"github.com/trailhouse/trailhouse/internal/record"
)

// entry is one row in the sorter: its sort key and its encoded content
// (record.Row.AppendBinary with Source left out, so exact duplicates from
// different objects have equal content).
type entry struct {
	part    string // Key.Dir()
	time    int64  // eventtime, math.MinInt64 when NULL
	id      string // eventid, "" when NULL
	src     string // _source
	content []byte
	lane    uint8 // which of the sink's merges writes this entry's partition
}

// entrySize approximates the memory of one buffered entry beyond content.
const entrySize = 96

// compareEntries orders entries totally, by partition, eventtime, eventid,
// _source and content: exact duplicates are adjacent, the first of them
// (the one kept) has the smallest _source, and the order, so the files,
// depend on nothing but the rows.
func compareEntries(a, b *entry) int {
	if c := cmp.Compare(a.part, b.part); c != 0 {
		return c
	}
	if c := cmp.Compare(a.time, b.time); c != 0 {
		return c
	}
	if c := cmp.Compare(a.id, b.id); c != 0 {
		return c
	}
	if c := cmp.Compare(a.src, b.src); c != 0 {
		return c
	}
	return bytes.Compare(a.content, b.content)
}

// buffer collects entries up to a memory budget. Contents live in chunks
// that never move, so entries can point into them.
type buffer struct {
	lanes    *laneMap
	entries  []entry
	chunk    []byte   // current chunk, appended to within its capacity
	chunks   [][]byte // all chunks, for reuse after a spill
	nchunk   int
	parts    map[Key]partInfo // interned partition dirs
	lastKey  Key              // the key of the last row added, and its dir
	lastPart partInfo
	used     int
	scratch  []byte
}

type partInfo struct {
	dir  string
	lane uint8
}

// A laneMap splits partitions among a sink's lanes: Finish runs one merge
// per lane, each over its own run files, so that the lanes' partitions are
// written in parallel while each merge still sees its partitions in order.
// A partition's lane is fixed when a batch first sees it; partitions go to
// the lanes in turn, so that each lane gets about as many.
type laneMap struct {
	n    int
	mu   sync.Mutex
	of   map[string]uint8
	next int
}

func newLaneMap(n int) *laneMap {
	return &laneMap{n: min(max(n, 1), 256), of: map[string]uint8{}}
}

func (m *laneMap) lane(dir string) uint8 {
	if m.n == 1 {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.of[dir]
	if !ok {
		l = uint8(m.next % m.n)
		m.next++
		m.of[dir] = l
	}
	return l
}

const chunkSize = 1 << 20

// alloc copies b into the chunk arena and returns the stable copy.
func (b *buffer) alloc(p []byte) []byte {
	if len(p) > chunkSize/4 {
		return bytes.Clone(p)
	}
	if cap(b.chunk)-len(b.chunk) < len(p) {
		if b.nchunk == len(b.chunks) {
			b.chunks = append(b.chunks, make([]byte, 0, chunkSize))
		}
		b.chunk = b.chunks[b.nchunk][:0]
		b.nchunk++
	}
	start := len(b.chunk)
	b.chunk = append(b.chunk, p...)
	return b.chunk[start:len(b.chunk):len(b.chunk)]
}

// allocString copies s into the arena.
func (b *buffer) allocString(s string) string {
	p := b.alloc(unsafe.Slice(unsafe.StringData(s), len(s)))
	return unsafe.String(&p[0], len(p))
}

func (b *buffer) add(k Key, r *record.Row) {
	part := b.lastPart
	if part.dir == "" || k != b.lastKey { // rows of one object mostly share a partition
		// k's strings may alias the row's, which alias a buffer the
		// caller reuses: the kept key must own its bytes.
		k.Account, k.Region = strings.Clone(k.Account), strings.Clone(k.Region)
		if b.parts == nil {
			b.parts = map[Key]partInfo{}
		}
		var ok bool
		if part, ok = b.parts[k]; !ok {
			part.dir = k.Dir()
			part.lane = b.lanes.lane(part.dir)
			b.parts[k] = part
		}
		b.lastKey, b.lastPart = k, part
	}
	src := r.Source
	r.Source = ""
	b.scratch = r.AppendBinary(b.scratch[:0])
	r.Source = src
	content := b.alloc(b.scratch)
	e := entry{part: part.dir, lane: part.lane, time: math.MinInt64, src: src, content: content}
	if r.HasTime {
		e.time = r.EventTime
	}
	if id, ok := r.Get(record.EventID); ok && id != "" {
		e.id = b.allocString(id) // the row's strings may alias a buffer its caller reuses
	}
	b.entries = append(b.entries, e)
	b.used += len(content) + entrySize
}

// finish sorts the entries.
func (b *buffer) finish() { sort.Sort(byKey(b.entries)) }

// byKey sorts entries in place. It is a sort.Interface because the
// comparison takes pointers: slices.SortFunc's would copy two 96-byte
// entries per comparison (a third slower, measured on 60,000 entries).
type byKey []entry

func (s byKey) Len() int           { return len(s) }
func (s byKey) Less(i, j int) bool { return compareEntries(&s[i], &s[j]) < 0 }
func (s byKey) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func (b *buffer) reset() {
	clear(b.entries) // drop references into chunks and strings
	b.entries = b.entries[:0]
	b.chunk, b.nchunk = nil, 0
	b.used = 0
	clear(b.parts)
	b.lastKey, b.lastPart = Key{}, partInfo{}
}

// spill writes the sorted buffer to new temporary run files, one per lane
// that has entries; names[l] is lane l's ("" for none). On error no file
// is left.
func spill(dir string, b *buffer) ([]string, error) {
	ws := make([]*runWriter, b.lanes.n)
	names := make([]string, len(ws))
	err := func() (err error) {
		for i := range b.entries {
			e := &b.entries[i]
			if ws[e.lane] == nil {
				if ws[e.lane], err = newRunWriter(dir); err != nil {
					return err
				}
			}
			if err := ws[e.lane].add(e); err != nil {
				return err
			}
		}
		for l, w := range ws {
			if w != nil {
				if names[l], err = w.close(); err != nil {
					return err
				}
			}
		}
		return nil
	}()
	if err != nil {
		for _, w := range ws {
			if w != nil {
				w.abort()
			}
		}
		return nil, err
	}
	return names, nil
}

// writeRun writes the entries next returns, in order, until io.EOF, to a
// new temporary run file in dir.
func writeRun(dir string, next func() (*entry, error)) (string, error) {
	w, err := newRunWriter(dir)
	if err != nil {
		return "", err
	}
	for {
		var e *entry
		if e, err = next(); err != nil {
			break
		}
		if err = w.add(e); err != nil {
			break
		}
	}
	if err != io.EOF {
		w.abort()
		return "", fmt.Errorf("spill %s: %w", w.f.Name(), err)
	}
	return w.close()
}

// runWriter writes one run file.
type runWriter struct {
	f   *os.File
	w   *s2.Writer
	hdr []byte
}

func newRunWriter(dir string) (*runWriter, error) {
	f, err := os.CreateTemp(dir, "run-*.s2")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	return &runWriter{f: f, w: s2.NewWriter(f, s2.WriterConcurrency(1), s2.WriterBlockSize(spillBlock))}, nil
}

func (w *runWriter) add(e *entry) error {
	hdr := w.hdr[:0]
	hdr = appendString(hdr, e.part)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(e.time))
	hdr = appendString(hdr, e.id)
	hdr = appendString(hdr, e.src)
	hdr = binary.AppendUvarint(hdr, uint64(len(e.content)))
	w.hdr = hdr
	if _, err := w.w.Write(hdr); err != nil {
		return err
	}
	_, err := w.w.Write(e.content)
	return err
}

// close finishes the file and returns its name; on error it is removed.
func (w *runWriter) close() (string, error) {
	name := w.f.Name()
	err := w.w.Close()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("spill %s: %w", name, err)
	}
	return name, nil
}

// abort removes the file, closed or not.
func (w *runWriter) abort() {
	w.f.Close()
	os.Remove(w.f.Name())
}

// maxRuns is the most run files one merge reads at once. Past it, Finish
// first merges runs into longer ones, so that the memory (about 0.4 MiB a
// run) and the open files of the merge stay bounded however large the
// input. Each lane has its own merge, so with two lanes that bound is
// about 100 MiB, reached only past 128 spills (some 8,000,000 events at
// the default --max-memory); a bound shared by the lanes would instead add
// a merge pass, rewriting most spilled rows, from 64 spills on.
var maxRuns = 128

// mergeRuns merges run files, maxRuns at a time, until at most maxRuns
// are left, and returns the names of the runs to read. Merged runs are
// removed.
func mergeRuns(dir string, runs []string) ([]string, error) {
	for len(runs) > maxRuns {
		m, err := openMerger(nil, runs[:maxRuns])
		if err != nil {
			return runs, err
		}
		pending := -1
		name, err := writeRun(dir, func() (*entry, error) { return m.next(&pending) })
		if cerr := m.close(); err == nil {
			err = cerr
		}
		if err != nil {
			return runs, err
		}
		runs = append(runs[maxRuns:], name)
	}
	return runs, nil
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// iter yields sorted entries; the entry, and the strings and bytes it
// holds, are valid until the next call.
type iter interface {
	next() (*entry, error) // io.EOF at the end
	close() error
}

// memIter yields a buffer's entries of one lane.
type memIter struct {
	b    *buffer
	i    int
	lane uint8
}

func (m *memIter) next() (*entry, error) {
	for m.i < len(m.b.entries) {
		m.i++
		if e := &m.b.entries[m.i-1]; e.lane == m.lane {
			return e, nil
		}
	}
	return nil, io.EOF
}

func (m *memIter) close() error { return nil }

// spillBlock is the s2 block size of run files. A merge holds one block
// (and its compressed form) per run: small blocks keep that small, where
// s2's default (1 MiB, with 4 MiB of buffers allowed) would hold tens of
// megabytes for a few dozen runs.
const spillBlock = 128 << 10

type fileIter struct {
	f      *os.File
	r      *s2.Reader
	e      entry
	part   string
	buf    []byte
	strBuf []byte
	idBuf  []byte
	srcBuf []byte
}

func openRun(name string) (*fileIter, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open run: %w", err)
	}
	return &fileIter{f: f, r: s2.NewReader(bufio.NewReaderSize(f, 64<<10), s2.ReaderMaxBlockSize(spillBlock))}, nil
}

// str reads a length-prefixed string into *buf and returns it as a string
// that aliases *buf: valid until the next read into the same buffer.
func (it *fileIter) str(buf *[]byte) (string, error) {
	n, err := binary.ReadUvarint(it.r)
	if err != nil {
		return "", err
	}
	if n > 1<<30 {
		return "", errors.New("corrupt run file")
	}
	if n == 0 {
		return "", nil
	}
	*buf = grow(*buf, int(n))
	if _, err := io.ReadFull(it.r, *buf); err != nil {
		return "", err
	}
	return unsafe.String(&(*buf)[0], len(*buf)), nil
}

func (it *fileIter) next() (*entry, error) {
	n, err := binary.ReadUvarint(it.r)
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, fmt.Errorf("read run %s: %w", it.f.Name(), err)
	}
	it.strBuf = grow(it.strBuf, int(n))
	if _, err := io.ReadFull(it.r, it.strBuf); err != nil {
		return nil, fmt.Errorf("read run %s: %w", it.f.Name(), err)
	}
	if string(it.strBuf) != it.part { // runs are sorted: reuse the partition string
		it.part = string(it.strBuf)
	}
	it.e.part = it.part
	var u [8]byte
	if _, err := io.ReadFull(it.r, u[:]); err != nil {
		return nil, err
	}
	it.e.time = int64(binary.LittleEndian.Uint64(u[:]))
	if it.e.id, err = it.str(&it.idBuf); err != nil {
		return nil, err
	}
	if it.e.src, err = it.str(&it.srcBuf); err != nil {
		return nil, err
	}
	cn, err := binary.ReadUvarint(it.r)
	if err != nil {
		return nil, err
	}
	it.buf = grow(it.buf, int(cn))
	if _, err := io.ReadFull(it.r, it.buf); err != nil {
		return nil, fmt.Errorf("read run %s: %w", it.f.Name(), err)
	}
	it.e.content = it.buf
	return &it.e, nil
}

// grow returns b resized to n bytes, reallocated (to twice n) only when
// its capacity is short.
func grow(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n, 2*n)
	}
	return b[:n]
}

func (it *fileIter) close() error {
	err := it.f.Close()
	os.Remove(it.f.Name())
	return err
}

// merger yields the entries of several sorted iterators in order.
type merger struct {
	its  []iter
	head []*entry
	h    mergeHeap
}

type mergeHeap struct {
	idx  []int
	head []*entry
}

func (h *mergeHeap) Len() int { return len(h.idx) }
func (h *mergeHeap) Less(i, j int) bool {
	return compareEntries(h.head[h.idx[i]], h.head[h.idx[j]]) < 0
}
func (h *mergeHeap) Swap(i, j int) { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *mergeHeap) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *mergeHeap) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}

// openMerger opens the run files names and returns a merger of its and
// them. On error, all of them are closed.
func openMerger(its []iter, names []string) (*merger, error) {
	for _, name := range names {
		it, err := openRun(name)
		if err != nil {
			for _, it := range its {
				it.close()
			}
			return nil, err
		}
		its = append(its, it)
	}
	return newMerger(its)
}

func newMerger(its []iter) (*merger, error) {
	m := &merger{its: its, head: make([]*entry, len(its))}
	m.h.head = m.head
	for i, it := range its {
		e, err := it.next()
		if err == io.EOF {
			continue
		}
		if err != nil {
			for _, it := range its {
				it.close()
			}
			return nil, err
		}
		m.head[i] = e
		m.h.idx = append(m.h.idx, i)
	}
	heap.Init(&m.h)
	return m, nil
}

// next returns the smallest entry. Its content stays valid only until the
// next call, because file iterators reuse their buffers; advance() is
// deferred to the following call for that reason.
func (m *merger) next(pending *int) (*entry, error) {
	if *pending >= 0 {
		i := *pending
		*pending = -1
		e, err := m.its[i].next()
		switch {
		case err == io.EOF:
			heap.Remove(&m.h, m.indexOf(i))
		case err != nil:
			return nil, err
		default:
			m.head[i] = e
			heap.Fix(&m.h, m.indexOf(i))
		}
	}
	if len(m.h.idx) == 0 {
		return nil, io.EOF
	}
	i := m.h.idx[0]
	*pending = i
	return m.head[i], nil
}

// indexOf returns the heap position of iterator i; it is the root, since
// only the root's iterator is ever advanced.
func (m *merger) indexOf(i int) int {
	if m.h.idx[0] == i {
		return 0
	}
	return slices.Index(m.h.idx, i)
}

func (m *merger) close() error {
	var errs []error
	for _, it := range m.its {
		errs = append(errs, it.close())
	}
	return errors.Join(errs...)
}
