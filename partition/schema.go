package partition

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/trailhouse/trailhouse/internal/record"
)

// leaf maps one Parquet leaf column to its place in record.Row.
type leaf struct {
	col  record.Column
	str  int // index into Row.Str for String/JSON columns
	res  int // resource field for StringList columns
	kind record.Kind
}

// lakeSchema is the Parquet schema of both tables and the mapping of its
// leaf columns, in file order.
var lakeSchema, leaves = buildSchema()

// lakePaths holds each leaf column's path in the schema, in column order.
var lakePaths = lakeSchema.Columns()

// lakeSorting is the order of the rows in every row group.
var lakeSorting = []parquet.SortingColumn{parquet.NullsFirst(parquet.Ascending(record.ColEventTime))}

// statsBounds is the longest min_value or max_value of a text column
// chunk in a footer (longer ones are cut to a bound; see footerFix): 24
// bytes keep access key ids (20), IP addresses and short names exact, and
// take 2.4% off files of 150-row partitions.
const statsBounds = 24

// lakeFooter is what every footer must say of the column paths and the
// sorting (see footerFix).
var lakeFooter = func() *footerFix {
	var sc []format.SortingColumn
	for _, c := range lakeSorting {
		i := slices.IndexFunc(lakePaths, func(p []string) bool { return slices.Equal(p, c.Path()) })
		if i < 0 {
			panic("partition: sorting column " + strings.Join(c.Path(), ".") + " is not in the schema")
		}
		sc = append(sc, format.SortingColumn{ColumnIdx: int32(i), Descending: c.Descending(), NullsFirst: c.NullsFirst()})
	}
	return newFooterFix(lakePaths, sc, statsBounds)
}()

func buildSchema() (*parquet.Schema, []leaf) {
	var fields []reflect.StructField
	var ls []leaf
	strIdx := map[string]int{}
	for i, c := range record.StrColumns {
		strIdx[c.Name] = i
	}
	resIdx := map[string]int{}
	for i, c := range record.ResourceColumns {
		resIdx[c.Name] = i
	}
	for _, c := range record.All() {
		tag := c.Name + ",optional"
		var typ reflect.Type
		l := leaf{col: c, kind: c.Kind, str: -1, res: -1}
		switch c.Kind {
		case record.String, record.JSON:
			typ = reflect.TypeFor[*string]()
			if c.Dict {
				tag += ",dict"
			}
			if i, ok := strIdx[c.Name]; ok {
				l.str = i
			}
		case record.Bool:
			typ = reflect.TypeFor[*bool]()
		case record.Timestamp:
			typ = reflect.TypeFor[*time.Time]()
			tag += ",timestamp(millisecond)"
		case record.StringList:
			typ = reflect.TypeFor[[]*string]()
			tag += ",list"
			l.res = resIdx[c.Name]
		}
		fields = append(fields, reflect.StructField{
			Name: fmt.Sprintf("F%d", len(fields)),
			Type: typ,
			Tag:  reflect.StructTag(`parquet:"` + tag + `"`),
		})
		ls = append(ls, l)
	}
	st := reflect.StructOf(fields)
	s := parquet.NewSchema("cloudtrail", parquet.SchemaOf(reflect.New(st).Interface()))
	if n := len(s.Columns()); n != len(ls) {
		panic(fmt.Sprintf("partition: schema has %d leaf columns, want %d", n, len(ls))) // a programming error caught by every test
	}
	return s, ls
}

func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// rowFromParquet fills r from one Parquet row of the lake schema. Strings
// are copied out of the row's values.
func rowFromParquet(pr parquet.Row, r *record.Row) error {
	r.Reset()
	var err error
	pr.Range(func(c int, vals []parquet.Value) bool {
		if c >= len(leaves) {
			err = fmt.Errorf("column %d is not in the lake schema", c)
			return false
		}
		l := leaves[c]
		switch l.kind {
		case record.String, record.JSON:
			v := vals[0]
			if v.IsNull() {
				return true
			}
			s := string(v.ByteArray())
			switch {
			case l.str >= 0:
				r.SetStr(l.str, s)
			case l.col.Name == record.ColExtra:
				r.Extra = s
			case l.col.Name == record.ColSource:
				r.Source = s
			}
		case record.Timestamp:
			if !vals[0].IsNull() {
				r.EventTime, r.HasTime = vals[0].Int64(), true
			}
		case record.Bool:
			if !vals[0].IsNull() {
				t := record.TriOf(vals[0].Boolean())
				if l.col.Name == record.ColManagementEvent {
					r.ManagementEvent = t
				} else {
					r.ReadOnly = t
				}
			}
		case record.StringList:
			v := vals[0]
			if v.DefinitionLevel() == 0 {
				return true
			}
			if r.Resources == nil {
				r.Resources = make([]record.Resource, 0, len(vals))
			}
			if v.DefinitionLevel() == 1 { // empty list
				return true
			}
			for len(r.Resources) < len(vals) {
				r.Resources = append(r.Resources, record.Resource{})
			}
			for k, v := range vals {
				if v.DefinitionLevel() == 3 {
					r.Resources[k].F[l.res] = string(v.ByteArray())
					r.Resources[k].Set |= 1 << l.res
				}
			}
		}
		return true
	})
	return err
}
