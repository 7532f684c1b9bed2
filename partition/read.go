package partition

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
)

// PartitionInfo summarises one partition directory of the lake.
type PartitionInfo struct {
	Key   Key
	Files []objstore.Object
	Rows  int64
	Bytes int64
}

// List returns the partitions of the lake's tables with their files and
// row counts (read from the Parquet footers), sorted by directory.
func List(ctx context.Context, lake objstore.Store) ([]PartitionInfo, error) {
	byDir := map[string]*PartitionInfo{}
	for _, table := range []string{TableEvents, TableInsights} {
		err := lake.List(ctx, table+"/", func(o objstore.Object) error {
			if !strings.HasSuffix(o.Key, ".parquet") {
				return nil
			}
			k, err := parseDir(path.Dir(o.Key))
			if err != nil {
				return nil // not ours
			}
			pi := byDir[k.Dir()]
			if pi == nil {
				pi = &PartitionInfo{Key: k}
				byDir[k.Dir()] = pi
			}
			f, c, err := openFile(ctx, lake, o)
			if err != nil {
				return err
			}
			defer c.Close()
			pi.Files = append(pi.Files, o)
			pi.Rows += f.NumRows()
			pi.Bytes += o.Size
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]PartitionInfo, 0, len(byDir))
	for _, p := range byDir {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key.Dir() < out[j].Key.Dir() })
	return out, nil
}

// openFile opens a lake Parquet file, checking that it has the lake
// schema. The caller closes the returned closer when done with the file.
func openFile(ctx context.Context, lake objstore.Store, o objstore.Object) (*parquet.File, io.Closer, error) {
	rc, err := lake.Open(ctx, o.Key)
	if err != nil {
		return nil, nil, err
	}
	ra, ok := rc.(io.ReaderAt)
	if !ok { // stores without random access: read the object whole
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", lake.URI(o.Key), err)
		}
		ra, rc = bytes.NewReader(b), io.NopCloser(nil)
	}
	f, err := parquet.OpenFile(ra, o.Size, parquet.SkipBloomFilters(true))
	if err == nil && !parquet.EqualNodes(f.Schema(), lakeSchema) {
		err = ErrSchema
	}
	if err != nil {
		rc.Close()
		return nil, nil, fmt.Errorf("open %s: %w", lake.URI(o.Key), err)
	}
	return f, rc, nil
}

// ErrSchema: a Parquet file in the lake does not have this version's schema.
var ErrSchema = errors.New("file does not have the lake schema of this trailhouse version")

// ReadRows calls fn for every row of one lake file, in file order. The row
// is reused between calls.
func ReadRows(ctx context.Context, lake objstore.Store, o objstore.Object, fn func(*record.Row) error) error {
	f, c, err := openFile(ctx, lake, o)
	if err != nil {
		return err
	}
	defer c.Close()
	r := parquet.NewReader(f)
	defer r.Close()
	buf := make([]parquet.Row, 256)
	var row record.Row
	for {
		n, err := r.ReadRows(buf)
		for i := 0; i < n; i++ {
			if err := rowFromParquet(buf[i], &row); err != nil {
				return fmt.Errorf("read %s: %w", lake.URI(o.Key), err)
			}
			if err := fn(&row); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", lake.URI(o.Key), err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}
