package exec

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/parquet"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/query/pq"
)

// Lake is the lake's files as scans see them, with a cache of Parquet
// footers shared by the queries of one engine.
type Lake struct {
	Store objstore.Store

	mu      sync.Mutex
	footers map[string]*pq.File // by key|size|etag
}

// NewLake returns a Lake over store.
func NewLake(store objstore.Store) *Lake {
	return &Lake{Store: store, footers: map[string]*pq.File{}}
}

// Partition is one partition directory of a table.
type Partition struct {
	Values map[string]string // account, region, date; "" for the Hive default (NULL)
	Files  []objstore.Object
	Bytes  int64
}

// DefaultPartition is the Hive name of a NULL partition value.
const DefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// Partitions lists the partitions of table, in directory order. Files
// whose names start with "." (writes in progress) are not part of it.
func (l *Lake) Partitions(ctx context.Context, table string) ([]*Partition, error) {
	byDir := map[string]*Partition{}
	err := l.Store.List(ctx, table+"/", func(o objstore.Object) error {
		if !strings.HasSuffix(o.Key, ".parquet") || strings.HasPrefix(path.Base(o.Key), ".") {
			return nil
		}
		dir := path.Dir(o.Key)
		p := byDir[dir]
		if p == nil {
			vals, ok := partitionValues(strings.TrimPrefix(dir, table+"/"))
			if !ok {
				return nil // not a partition directory of ours
			}
			p = &Partition{Values: vals}
			byDir[dir] = p
		}
		p.Files = append(p.Files, o)
		p.Bytes += o.Size
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", l.Store.URI(table+"/"), err)
	}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	out := make([]*Partition, len(dirs))
	for i, d := range dirs {
		out[i] = byDir[d]
	}
	return out, nil
}

func partitionValues(rel string) (map[string]string, bool) {
	parts := strings.Split(rel, "/")
	if len(parts) != 3 {
		return nil, false
	}
	vals := map[string]string{}
	for i, want := range []string{"account", "region", "date"} {
		k, v, ok := strings.Cut(parts[i], "=")
		if !ok || k != want {
			return nil, false
		}
		if v == DefaultPartition {
			v = ""
		}
		vals[k] = v
	}
	return vals, true
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r parquet.ReaderAtSeeker
	n *atomic.Int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}
func (c *countingReader) Seek(off int64, whence int) (int64, error) { return c.r.Seek(off, whence) }

// open returns random access to a lake file, counting bytes into n.
// Local files are read in place; stores that read ranges (S3) fetch only
// the parts asked for; others are read whole.
func (l *Lake) open(ctx context.Context, o objstore.Object, n *atomic.Int64) (parquet.ReaderAtSeeker, io.Closer, error) {
	if rr, ok := l.Store.(objstore.RangeReader); ok {
		if _, local := l.Store.(*objstore.Dir); !local {
			return &rangeReaderAt{ctx: ctx, rr: rr, key: o.Key, size: o.Size, n: n}, io.NopCloser(nil), nil
		}
	}
	rc, err := l.Store.Open(ctx, o.Key)
	if err != nil {
		return nil, nil, err
	}
	if ra, ok := rc.(parquet.ReaderAtSeeker); ok {
		return &countingReader{r: ra, n: n}, rc, nil
	}
	// Stores without random access: the object whole.
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", l.Store.URI(o.Key), err)
	}
	n.Add(int64(len(b)))
	return bytes.NewReader(b), io.NopCloser(nil), nil
}

// footer returns a file's footer, from the cache when the object is
// unchanged.
func (l *Lake) footer(ctx context.Context, o objstore.Object, n *atomic.Int64) (*pq.File, error) {
	key := fmt.Sprintf("%s|%d|%s", o.Key, o.Size, o.ETag)
	l.mu.Lock()
	f := l.footers[key]
	l.mu.Unlock()
	if f != nil {
		return f, nil
	}
	ra, c, err := l.open(ctx, o, n)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	f, err = pq.ReadFooter(ctx, ra, o.Size)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", l.Store.URI(o.Key), err)
	}
	l.mu.Lock()
	if len(l.footers) > 200000 {
		clear(l.footers)
	}
	l.footers[key] = f
	l.mu.Unlock()
	return f, nil
}

// rangeReaderAt reads a remote object by ranges. The object's tail (where
// a Parquet footer is) is fetched once, on the first read that falls in it.
type rangeReaderAt struct {
	ctx  context.Context // the query's: a reader lives within one query
	rr   objstore.RangeReader
	key  string
	size int64
	n    *atomic.Int64
	pos  int64

	mu   sync.Mutex
	tail []byte // the last len(tail) bytes, once fetched
}

const tailBytes = 64 << 10

func (r *rangeReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= r.size {
		return 0, io.EOF
	}
	want := int64(len(p))
	short := false
	if off+want > r.size {
		want, short = r.size-off, true
	}
	tailStart := max(0, r.size-tailBytes)
	if off >= tailStart {
		r.mu.Lock()
		if r.tail == nil {
			b, err := r.rr.ReadRange(r.ctx, r.key, tailStart, r.size-tailStart)
			if err != nil {
				r.mu.Unlock()
				return 0, err
			}
			r.n.Add(int64(len(b)))
			r.tail = b
		}
		copy(p, r.tail[off-tailStart:off-tailStart+want])
		r.mu.Unlock()
	} else {
		b, err := r.rr.ReadRange(r.ctx, r.key, off, want)
		if err != nil {
			return 0, err
		}
		r.n.Add(int64(len(b)))
		copy(p, b)
	}
	if short {
		return int(want), io.EOF
	}
	return int(want), nil
}

func (r *rangeReaderAt) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		r.pos = off
	case io.SeekCurrent:
		r.pos += off
	case io.SeekEnd:
		r.pos = r.size + off
	}
	return r.pos, nil
}
