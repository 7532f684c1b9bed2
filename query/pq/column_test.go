package pq

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/trailhouse/trailhouse/query/vec"
)

// arrowColumns reads every column of row group rg with arrow-go's pqarrow
// and converts them with vec.FromArrow, as the scan does, by top-level name.
func arrowColumns(t testing.TB, path string, rg int) (map[string]*vec.Vector, []string) {
	t.Helper()
	pr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pr.Close() })
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{BatchSize: 1 << 20}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, []int{rg})
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	out := map[string]*vec.Vector{}
	var names []string
	for rr.Next() {
		rec := rr.RecordBatch()
		rec.Retain()
		for i, f := range rec.Schema().Fields() {
			typ, ok := vec.FromArrowType(f.Type)
			if !ok {
				t.Fatalf("%s: arrow type %s", f.Name, f.Type)
			}
			v, err := vec.FromArrow(rec.Column(i), typ)
			if err != nil {
				t.Fatal(err)
			}
			if prev := out[f.Name]; prev != nil {
				v = vec.Concat(typ, []*vec.Vector{prev, v})
			} else {
				names = append(names, f.Name)
			}
			out[f.Name] = v
		}
	}
	if err := rr.Err(); err != nil && err.Error() != "EOF" {
		t.Fatal(err)
	}
	return out, names
}

// sameVector reports the first difference between two vectors.
func sameVector(want, got *vec.Vector) error {
	if !want.T.Equal(got.T) {
		return fmt.Errorf("type %s, want %s", got.T, want.T)
	}
	if want.Len != got.Len {
		return fmt.Errorf("%d values, want %d", got.Len, want.Len)
	}
	for i := 0; i < want.Len; i++ {
		w, g := want.Get(i), got.Get(i)
		if !reflect.DeepEqual(w, g) {
			return fmt.Errorf("row %d: %#v, want %#v", i, g, w)
		}
	}
	return nil
}

// checkFile compares ReadColumn with pqarrow for every row group and column
// of a file, and returns the columns compared and their non-NULL values.
func checkFile(t *testing.T, path string) (cols, nonNull int) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	st, _ := fh.Stat()
	ctx := context.Background()
	f, err := ReadFooter(ctx, fh, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for rg := range f.RowGroups {
		want, names := arrowColumns(t, path, rg)
		for _, name := range names {
			w := want[name]
			leaf := f.Leaf(name)
			if leaf < 0 {
				t.Fatalf("%s: no leaf %s", path, name)
			}
			got, err := f.ReadColumn(ctx, fh, rg, leaf, w.T)
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			if err := sameVector(w, got); err != nil {
				t.Errorf("%s: column %s row group %d: %v", path, name, rg, err)
			}
			cols++
			for i := 0; i < w.Len; i++ {
				if !w.IsNull(i) {
					nonNull++
				}
			}
		}
	}
	return cols, nonNull
}

func TestReadColumnLake(t *testing.T) {
	files := testLake(t)
	cols, nonNull := 0, 0
	for _, p := range files {
		c, n := checkFile(t, p)
		cols += c
		nonNull += n
	}
	t.Logf("%d files, %d column chunks, %d non-NULL values equal to pqarrow's", len(files), cols, nonNull)
	// The lake must hold the shapes worth comparing.
	var nullList, emptyList, nullElem, nullBool int
	for _, p := range files {
		fh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := fh.Stat()
		f, err := ReadFooter(context.Background(), fh, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		for rg := range f.RowGroups {
			v, err := f.ReadColumn(context.Background(), fh, rg, f.Leaf("resources_arn"), vec.ArrayOf(vec.TVarchar))
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < v.Len; i++ {
				switch {
				case v.IsNull(i):
					nullList++
				case v.Off[i] == v.Off[i+1]:
					emptyList++
				}
			}
			for i := 0; i < v.Elem.Len; i++ {
				if v.Elem.IsNull(i) {
					nullElem++
				}
			}
			b, err := f.ReadColumn(context.Background(), fh, rg, f.Leaf("readonly"), vec.TBoolean)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < b.Len; i++ {
				if b.IsNull(i) {
					nullBool++
				}
			}
		}
		fh.Close()
	}
	t.Logf("resources_arn: %d NULL lists, %d empty lists, %d NULL elements; readonly: %d NULLs", nullList, emptyList, nullElem, nullBool)
	if nullList == 0 || emptyList == 0 || nullElem == 0 || nullBool == 0 {
		t.Error("the test lake lacks NULL lists, empty lists, NULL elements or NULL booleans")
	}
	if cols < 66*len(files) {
		t.Errorf("compared %d column chunks, want at least %d", cols, 66*len(files))
	}
}
