package objstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
)

// Dir is a Store over a local directory.
type Dir struct {
	root string
	st   counters
}

// NewDir returns a store rooted at dir. The directory need not exist yet.
func NewDir(dir string) (*Dir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	return &Dir{root: abs}, nil
}

// Root returns the absolute directory.
func (d *Dir) Root() string { return d.root }

// CheckKey returns an error wrapping ErrBadKey unless key is a clean,
// relative, slash-separated path that stays under the root.
func CheckKey(key string) error {
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "\\") || strings.ContainsRune(key, 0) {
		return fmt.Errorf("%w: %q", ErrBadKey, key)
	}
	for _, el := range strings.Split(key, "/") {
		if el == "" || el == "." || el == ".." {
			return fmt.Errorf("%w: %q", ErrBadKey, key)
		}
	}
	return nil
}

func (d *Dir) path(key string) (string, error) {
	if err := CheckKey(key); err != nil {
		return "", err
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

// URI implements Store.
func (d *Dir) URI(key string) string { return filepath.Join(d.root, filepath.FromSlash(key)) }

// List implements Store. Temporary files of unfinished writes are skipped.
func (d *Dir) List(ctx context.Context, prefix string, fn func(Object) error) error {
	// Walk from the deepest directory the prefix names.
	start := d.root
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		if err := CheckKey(prefix[:i]); err != nil {
			return err
		}
		start = filepath.Join(d.root, filepath.FromSlash(prefix[:i]))
	}
	d.st.list.Add(1)
	var objs []Object
	err := filepath.WalkDir(start, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == start {
				return fs.SkipAll
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.IsDir() || !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		rel, err := filepath.Rel(d.root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) || isTemp(path.Base(key)) {
			return nil
		}
		info, err := os.Stat(p) // follows symlinks
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		objs = append(objs, Object{Key: key, Size: info.Size(), ModTime: info.ModTime()})
		return nil
	})
	if err != nil {
		return fmt.Errorf("list %s: %w", d.URI(prefix), err)
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].Key < objs[j].Key })
	for _, o := range objs {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

// Open implements Store.
func (d *Dir) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	d.st.get.Add(1)
	f, err := os.Open(p)
	if isNotExist(err) {
		return nil, fmt.Errorf("open %s: %w", p, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", p, err)
		}
		return nil, fmt.Errorf("open %s: %w", p, ErrNotFound) // a directory is no object
	}
	return &countedFile{File: f, n: &d.st.bytesRead}, nil
}

type countedFile struct {
	*os.File
	n *atomic.Int64
}

func (f *countedFile) Read(b []byte) (int, error) {
	n, err := f.File.Read(b)
	f.n.Add(int64(n))
	return n, err
}

// Stat implements Store.
func (d *Dir) Stat(ctx context.Context, key string) (Object, error) {
	p, err := d.path(key)
	if err != nil {
		return Object{}, err
	}
	d.st.head.Add(1)
	info, err := os.Stat(p)
	if isNotExist(err) || err == nil && !info.Mode().IsRegular() {
		return Object{}, fmt.Errorf("stat %s: %w", p, ErrNotFound)
	}
	if err != nil {
		return Object{}, err // *fs.PathError names p
	}
	return Object{Key: key, Size: info.Size(), ModTime: info.ModTime()}, nil
}

// ListDirs implements Store.
func (d *Dir) ListDirs(ctx context.Context, prefix string, fn func(dir string) error) error {
	return d.listLevel(ctx, prefix, fn, nil)
}

// ListFiles implements Store. Temporary files of unfinished writes are
// skipped.
func (d *Dir) ListFiles(ctx context.Context, prefix string, fn func(Object) error) error {
	return d.listLevel(ctx, prefix, nil, fn)
}

// ListLevel implements LevelLister.
func (d *Dir) ListLevel(ctx context.Context, prefix string, dirFn func(dir string) error, objFn func(Object) error) error {
	return d.listLevel(ctx, prefix, dirFn, objFn)
}

// listLevel lists one level below prefix, calling dirFn with the
// directories and objFn with the files (either may be nil).
func (d *Dir) listLevel(ctx context.Context, prefix string, dirFn func(string) error, objFn func(Object) error) error {
	start := d.root
	if prefix != "" {
		if !strings.HasSuffix(prefix, "/") {
			return fmt.Errorf("list dirs %s: %w: prefix must end in /", d.URI(prefix), ErrBadKey)
		}
		if err := CheckKey(strings.TrimSuffix(prefix, "/")); err != nil {
			return err
		}
		start = filepath.Join(d.root, filepath.FromSlash(prefix))
	}
	d.st.list.Add(1)
	ents, err := os.ReadDir(start)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("list dirs %s: %w", d.URI(prefix), err)
	}
	var (
		dirs []string
		objs []Object
	)
	for _, e := range ents {
		p := filepath.Join(start, e.Name())
		switch {
		case e.IsDir() || e.Type()&fs.ModeSymlink != 0 && isDirLink(p):
			dirs = append(dirs, prefix+e.Name()+"/")
		case objFn != nil && (e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0) && !isTemp(e.Name()):
			info, err := os.Stat(p) // follows symlinks
			if err == nil && info.Mode().IsRegular() {
				objs = append(objs, Object{Key: prefix + e.Name(), Size: info.Size(), ModTime: info.ModTime()})
			}
		}
	}
	if dirFn != nil {
		// Lexical by bytes of the whole prefix, slash included, as S3 orders
		// common prefixes: "CloudTrail-Digest/" < "CloudTrail/".
		sort.Strings(dirs)
		for _, dir := range dirs {
			if err := dirFn(dir); err != nil {
				return err
			}
		}
	}
	if objFn != nil {
		sort.Slice(objs, func(i, j int) bool { return objs[i].Key < objs[j].Key })
		for _, o := range objs {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := objFn(o); err != nil {
				return err
			}
		}
	}
	return nil
}

// isNotExist: p is missing, or one of its parents is a file (a key below
// an object's key, such as "a/b" when "a" is an object).
func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

func isDirLink(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// PutIfAbsent implements Store: the content is written to a temporary file
// and hard-linked into place, which fails if the key exists.
func (d *Dir) PutIfAbsent(ctx context.Context, key string, data []byte) error {
	w, err := d.Create(ctx, key)
	if err != nil {
		return err
	}
	dw := w.(*dirWriter)
	if _, err := dw.Write(data); err != nil {
		dw.Abort()
		return fmt.Errorf("put %s: %w", dw.final, err)
	}
	return dw.finish("put", func(tmp, final string) error {
		err := os.Link(tmp, final)
		if errors.Is(err, fs.ErrExist) {
			err = ErrExists
		}
		os.Remove(tmp)
		return err
	})
}

// Stats implements Store.
func (d *Dir) Stats() Stats { return d.st.snapshot() }

// counters are a store's request counts.
type counters struct {
	list, get, head, put, del, bytesRead, bytesWritten atomic.Int64
}

func (c *counters) snapshot() Stats {
	return Stats{List: c.list.Load(), Get: c.get.Load(), Head: c.head.Load(), Put: c.put.Load(),
		Delete: c.del.Load(), BytesRead: c.bytesRead.Load(), BytesWritten: c.bytesWritten.Load()}
}

const tempMarker = ".tmp-"

func isTemp(base string) bool {
	return strings.HasPrefix(base, ".") && strings.Contains(base, tempMarker)
}

// Create implements Store: it writes to a hidden temporary file in the
// target directory and renames it into place on Commit.
func (d *Dir) Create(ctx context.Context, key string) (Writer, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", p, err)
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+tempMarker+hex.EncodeToString(rnd[:]))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", p, err)
	}
	d.st.put.Add(1)
	return &dirWriter{f: f, tmp: tmp, final: p, st: &d.st}, nil
}

type dirWriter struct {
	f          *os.File
	tmp, final string
	done       bool
	st         *counters
}

func (w *dirWriter) Write(b []byte) (int, error) {
	n, err := w.f.Write(b)
	w.st.bytesWritten.Add(int64(n))
	return n, err
}

func (w *dirWriter) Commit() error { return w.finish("commit", os.Rename) }

// finish syncs and closes the temporary file and puts it in place with
// place(tmp, final); the temporary file never outlives a failure.
func (w *dirWriter) finish(op string, place func(tmp, final string) error) error {
	if w.done {
		return fmt.Errorf("%s: writer already finished", op)
	}
	w.done = true
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = place(w.tmp, w.final)
	}
	if err != nil {
		os.Remove(w.tmp)
		return fmt.Errorf("%s %s: %w", op, w.final, err)
	}
	return nil
}

func (w *dirWriter) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	w.f.Close()
	return os.Remove(w.tmp)
}

// Delete implements Store.
func (d *Dir) Delete(ctx context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	d.st.del.Add(1)
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", p, err)
	}
	return nil
}
