package result

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/trailhouse/trailhouse/query/vec"
)

// Formats lists the output formats by name.
var Formats = []string{"table", "csv", "json", "ndjson", "parquet", "arrow"}

// ErrFormat: an unknown output format name.
var ErrFormat = errors.New("unknown output format")

// Source is the part of query.Rows a writer needs.
type Source interface {
	Schema() *arrow.Schema
	Next(ctx context.Context) (arrow.RecordBatch, error)
}

// Write writes all of src to w in format, and returns the rows written.
// The table format buffers up to maxTableRows rows to align columns; the
// others stream.
func Write(ctx context.Context, w io.Writer, format string, src Source) (int64, error) {
	switch format {
	case "table":
		return writeTable(ctx, w, src)
	case "csv":
		return writeCSV(ctx, w, src)
	case "json":
		return writeJSON(ctx, w, src, false)
	case "ndjson":
		return writeJSON(ctx, w, src, true)
	case "parquet":
		return writeParquet(ctx, w, src)
	case "arrow":
		return writeArrow(ctx, w, src)
	}
	return 0, fmt.Errorf("%w %q (use one of %s)", ErrFormat, format, strings.Join(Formats, ", "))
}

func each(ctx context.Context, src Source, f func(arrow.RecordBatch) error) error {
	for {
		rec, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		err = f(rec)
		rec.Release()
		if err != nil {
			return err
		}
	}
}

// Text renders value i of a as the table format shows it; null reports
// NULL.
func Text(a arrow.Array, i int) (s string, null bool) {
	if a.IsNull(i) {
		return "NULL", true
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i), false
	case *array.Int64:
		return strconv.FormatInt(a.Value(i), 10), false
	case *array.Float64:
		return formatDouble(a.Value(i)), false
	case *array.Boolean:
		return strconv.FormatBool(a.Value(i)), false
	case *array.Timestamp:
		return formatTimestamp(a, i), false
	case *array.Date32:
		return time.Unix(int64(a.Value(i))*86400, 0).UTC().Format("2006-01-02"), false
	case *array.Duration:
		ms := int64(a.Value(i))
		sign := ""
		if ms < 0 {
			sign, ms = "-", -ms
		}
		return fmt.Sprintf("%s%d %02d:%02d:%02d.%03d", sign, ms/86400000, ms/3600000%24, ms/60000%60, ms/1000%60, ms%1000), false
	case *array.MonthInterval:
		m := int64(a.Value(i))
		sign := ""
		if m < 0 {
			sign, m = "-", -m
		}
		return fmt.Sprintf("%s%d-%d", sign, m/12, m%12), false
	case *array.List:
		lo, hi := a.ValueOffsets(i)
		vals := a.ListValues()
		parts := make([]string, 0, hi-lo)
		for j := lo; j < hi; j++ {
			s, _ := Text(vals, int(j))
			parts = append(parts, s)
		}
		return "[" + strings.Join(parts, ", ") + "]", false
	case *array.Struct:
		st := a.DataType().(*arrow.StructType)
		parts := make([]string, a.NumField())
		for j := 0; j < a.NumField(); j++ {
			s, _ := Text(a.Field(j), i)
			parts[j] = st.Field(j).Name + "=" + s
		}
		return "{" + strings.Join(parts, ", ") + "}", false
	case *array.Null:
		return "NULL", true
	}
	return a.ValueStr(i), false
}

func formatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// jsonValue is value i of a for the JSON formats: timestamps as ISO 8601
// text, arrays as arrays, rows as objects.
func jsonValue(a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i)
	case *array.Int64:
		return a.Value(i)
	case *array.Float64:
		f := a.Value(i)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return formatDouble(f)
		}
		return f
	case *array.Boolean:
		return a.Value(i)
	case *array.Timestamp:
		return isoTimestamp(a, i)
	case *array.List:
		lo, hi := a.ValueOffsets(i)
		out := make([]any, 0, hi-lo)
		for j := lo; j < hi; j++ {
			out = append(out, jsonValue(a.ListValues(), int(j)))
		}
		return out
	case *array.Struct:
		st := a.DataType().(*arrow.StructType)
		out := make(map[string]any, a.NumField())
		for j := 0; j < a.NumField(); j++ {
			out[st.Field(j).Name] = jsonValue(a.Field(j), i)
		}
		return out
	}
	s, _ := Text(a, i)
	return s
}

const maxTableRows = 100000

func writeTable(ctx context.Context, w io.Writer, src Source) (int64, error) {
	sc := src.Schema()
	header := make([]string, sc.NumFields())
	width := make([]int, len(header))
	numeric := make([]bool, len(header))
	for i, f := range sc.Fields() {
		header[i] = f.Name
		width[i] = utf8.RuneCountInString(f.Name)
		switch f.Type.ID() {
		case arrow.INT64, arrow.FLOAT64:
			numeric[i] = true
		}
	}
	var rows [][]string
	var n int64
	truncated := false
	err := each(ctx, src, func(rec arrow.RecordBatch) error {
		for r := 0; r < int(rec.NumRows()); r++ {
			n++
			if len(rows) >= maxTableRows {
				truncated = true
				continue
			}
			row := make([]string, len(header))
			for c := range row {
				s, _ := Text(rec.Column(c), r)
				s = strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
				row[c] = s
				width[c] = max(width[c], utf8.RuneCountInString(s))
			}
			rows = append(rows, row)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	bw := bufio.NewWriter(w)
	line := func(cells []string, head bool) {
		for c, s := range cells {
			if c > 0 {
				bw.WriteString(" | ")
			} else {
				bw.WriteString(" ")
			}
			pad := strings.Repeat(" ", width[c]-utf8.RuneCountInString(s))
			if numeric[c] && !head {
				bw.WriteString(pad + s)
			} else if c == len(cells)-1 {
				bw.WriteString(s)
			} else {
				bw.WriteString(s + pad)
			}
		}
		bw.WriteString("\n")
	}
	line(header, true)
	for c := range header {
		if c > 0 {
			bw.WriteString("-+-")
		} else {
			bw.WriteString("-")
		}
		bw.WriteString(strings.Repeat("-", width[c]))
	}
	bw.WriteString("\n")
	for _, r := range rows {
		line(r, false)
	}
	plural := "s"
	if n == 1 {
		plural = ""
	}
	if truncated {
		fmt.Fprintf(bw, "(%d row%s, first %d shown; use --format csv or --output for all)\n", n, plural, maxTableRows)
	} else {
		fmt.Fprintf(bw, "(%d row%s)\n", n, plural)
	}
	return n, bw.Flush()
}

func writeCSV(ctx context.Context, w io.Writer, src Source) (int64, error) {
	cw := csv.NewWriter(w)
	sc := src.Schema()
	header := make([]string, sc.NumFields())
	for i, f := range sc.Fields() {
		header[i] = f.Name
	}
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	var n int64
	err := each(ctx, src, func(rec arrow.RecordBatch) error {
		row := make([]string, len(header))
		for r := 0; r < int(rec.NumRows()); r++ {
			for c := range row {
				col := rec.Column(c)
				switch {
				case col.IsNull(r):
					row[c] = ""
				case col.DataType().ID() == arrow.TIMESTAMP:
					row[c] = jsonValue(col, r).(string)
				default:
					row[c], _ = Text(col, r)
				}
			}
			if err := cw.Write(row); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return n, err
}

func writeJSON(ctx context.Context, w io.Writer, src Source, lines bool) (int64, error) {
	bw := bufio.NewWriter(w)
	sc := src.Schema()
	var n int64
	if !lines {
		bw.WriteString("[")
	}
	err := each(ctx, src, func(rec arrow.RecordBatch) error {
		for r := 0; r < int(rec.NumRows()); r++ {
			if !lines && n > 0 {
				bw.WriteString(",")
			}
			if !lines {
				bw.WriteString("\n")
			}
			bw.WriteString("{")
			for c, f := range sc.Fields() {
				if c > 0 {
					bw.WriteString(",")
				}
				k, _ := json.Marshal(f.Name)
				v, err := json.Marshal(jsonValue(rec.Column(c), r))
				if err != nil {
					return err
				}
				bw.Write(k)
				bw.WriteString(":")
				bw.Write(v)
			}
			bw.WriteString("}")
			if lines {
				bw.WriteString("\n")
			}
			n++
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	if !lines {
		bw.WriteString("\n]\n")
	}
	return n, bw.Flush()
}

func writeParquet(ctx context.Context, w io.Writer, src Source) (int64, error) {
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd))
	fw, err := pqarrow.NewFileWriter(src.Schema(), w, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return 0, err
	}
	var n int64
	err = each(ctx, src, func(rec arrow.RecordBatch) error {
		n += rec.NumRows()
		return fw.WriteBuffered(rec)
	})
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	return n, err
}

func writeArrow(ctx context.Context, w io.Writer, src Source) (int64, error) {
	iw := ipc.NewWriter(w, ipc.WithSchema(src.Schema()))
	var n int64
	err := each(ctx, src, func(rec arrow.RecordBatch) error {
		n += rec.NumRows()
		return iw.Write(rec)
	})
	if cerr := iw.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// formatTimestamp is Trino's text of a timestamp: the wall clock in its
// zone, then the zone's name (2026-01-02 12:00:00.000 Asia/Tokyo).
func formatTimestamp(a *array.Timestamp, i int) string {
	zone := zoneOf(a)
	return vec.TimeIn(int64(a.Value(i)), zone).Format("2006-01-02 15:04:05.000 ") + zone
}

// isoTimestamp is a timestamp in ISO 8601 with its offset (Z in UTC).
func isoTimestamp(a *array.Timestamp, i int) string {
	return vec.TimeIn(int64(a.Value(i)), zoneOf(a)).Format("2006-01-02T15:04:05.000Z07:00")
}

// zoneOf is the zone an Arrow timestamp array is shown in: its type's
// TimeZone, UTC when that is empty or unknown.
func zoneOf(a *array.Timestamp) string {
	zone := a.DataType().(*arrow.TimestampType).TimeZone
	if zone == "" || zone == "UTC" {
		return "UTC" // the lake's timestamps, without a lookup per value
	}
	if _, err := vec.LoadZone(zone); err != nil {
		return "UTC"
	}
	return zone
}
