package pq

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/trailhouse/trailhouse/query/vec"
)

// FuzzReadFile mutates a real lake file (and pqarrow-written ones): ReadFooter
// and ReadColumn of every leaf must return a File and vectors or an error,
// never panic, and a vector must have a value per row.
func FuzzReadFile(f *testing.F) {
	for _, p := range append(testLake(f)[:2], arrowFiles(f)...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, b []byte) {
		r := bytes.NewReader(b)
		pf, err := ReadFooter(ctx, r, int64(len(b)))
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("footer error wraps no sentinel: %v", err)
			}
			return
		}
		for rg := range pf.RowGroups {
			for leaf, l := range pf.Leaves {
				typ := engineType(&l)
				if typ == nil {
					continue
				}
				v, err := pf.ReadColumn(ctx, r, rg, leaf, typ)
				if err == nil && int64(v.Len) != pf.RowGroups[rg].NumRows {
					t.Fatalf("column %s: %d values for %d rows", l.Path, v.Len, pf.RowGroups[rg].NumRows)
				}
				if _, err := pf.BloomFilter(ctx, r, rg, leaf); err == nil {
					continue
				}
			}
		}
	})
}

// engineType is the type a scan would ask for, nil for none.
func engineType(l *Leaf) *vec.Type {
	var t *vec.Type
	switch l.Type {
	case ByteArray:
		t = vec.TVarchar
	case Boolean:
		t = vec.TBoolean
	case Int64:
		t = vec.TBigint
		if l.Logical == LogicalTimestamp {
			t = vec.TTimestamp
		}
	case Int32:
		t = vec.TBigint
	case Float, Double:
		t = vec.TDouble
	default:
		return nil
	}
	if l.List {
		t = vec.ArrayOf(t)
	}
	return t
}
