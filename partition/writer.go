package partition

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/trailhouse/trailhouse/internal/record"
)

// fileWriter writes lake files one after another with one parquet.Writer.
// Rows go in column by column: each leaf's values for a whole slice of rows
// are handed to its parquet.ColumnWriter at once, without assembling
// parquet.Rows. Row groups are cut at Config.RowGroupRows, or earlier at
// Config.RowGroupBytes.
//
// The footer is the writer's, rewritten before it is written (see
// finishFooter): parquet-go writes everything after the last row group
// (page index, footer) in Close, which the fileWriter captures instead of
// passing on.
type fileWriter struct {
	pw      *parquet.Writer
	out     countingWriter
	tee     tailWriter
	vals    [][]parquet.Value // per leaf, reused
	rgRows  int64             // rows in the current row group
	rgLimit int64
	rgBytes int64  // Config.RowGroupBytes; <= 0: no limit
	rgStart int64  // pw.Size() when the current row group began
	footer  []byte // the rewritten footer
}

// tailWriter passes the bytes before offset from on to w and keeps the
// others in tail (from < 0: passes everything).
type tailWriter struct {
	w    io.Writer
	pos  int64
	from int64
	tail []byte
}

func (t *tailWriter) Write(b []byte) (int, error) {
	n := len(b)
	if t.from >= 0 && t.pos+int64(len(b)) > t.from {
		keep := max(0, t.from-t.pos)
		t.tail = append(t.tail, b[keep:]...)
		b = b[:keep]
	}
	if len(b) > 0 {
		if _, err := t.w.Write(b); err != nil {
			return 0, err
		}
	}
	t.pos += int64(n)
	return n, nil
}

func newFileWriter(cfg *Config, opts ...parquet.WriterOption) *fileWriter {
	fw := &fileWriter{
		vals:    make([][]parquet.Value, len(leaves)),
		rgLimit: cfg.RowGroupRows,
		rgBytes: cfg.RowGroupBytes,
	}
	fw.pw = parquet.NewWriter(&fw.tee, append(append(writerOptions(cfg), opts...), parquet.WriteBufferSize(256<<10))...)
	return fw
}

// reset starts a new file on w.
func (fw *fileWriter) reset(w io.Writer) {
	fw.out = countingWriter{w: w}
	fw.tee = tailWriter{w: &fw.out, from: -1, tail: fw.tee.tail[:0]}
	fw.pw.Reset(&fw.tee)
	fw.rgRows = 0
	fw.rgStart = fw.pw.Size()
}

// size estimates the bytes of the file so far.
func (fw *fileWriter) size() int64 { return fw.pw.Size() }

// write appends rows to the file.
func (fw *fileWriter) write(rows []record.Row) error {
	for len(rows) > 0 {
		n := min(int64(len(rows)), fw.rgLimit-fw.rgRows)
		if err := fw.writeColumns(rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
		fw.rgRows += n
		if fw.rgRows >= fw.rgLimit || fw.rgBytes > 0 && fw.pw.Size()-fw.rgStart >= fw.rgBytes {
			if err := fw.pw.Flush(); err != nil {
				return err
			}
			fw.rgRows = 0
			fw.rgStart = fw.pw.Size()
		}
	}
	return nil
}

// close finishes the file and returns its size.
func (fw *fileWriter) close() (int64, error) {
	if err := fw.pw.Flush(); err != nil { // the last row group
		return 0, err
	}
	offset := fw.pw.Size() // where the row groups end
	fw.tee.from = offset
	if err := fw.pw.Close(); err != nil {
		return 0, err
	}
	if err := fw.finishFooter(offset); err != nil {
		return 0, err
	}
	return fw.out.n, nil
}

// finishFooter writes the end of the file, which parquet-go wrote into
// fw.tee.tail from offset on: its page index (column and offset indexes)
// and footer. The footer loses the optional fields that no reader of the
// lake needs (per-chunk page encoding stats, size statistics: level
// histograms and unencoded byte counts). When every column chunk is one
// page, the page index repeats the chunk's statistics and is left out.
func (fw *fileWriter) finishFooter(offset int64) error {
	md := fw.pw.File().Metadata()
	tail := fw.tee.tail
	if len(md.RowGroups) == 0 || len(tail) < 8 || string(tail[len(tail)-4:]) != "PAR1" {
		_, err := fw.out.Write(tail) // nothing to rewrite
		return err
	}
	if at := md.RowGroups[0].Columns[0].ColumnIndexOffset; at != offset {
		return fmt.Errorf("page index at %d, expected %d", at, offset)
	}
	size := int(binary.LittleEndian.Uint32(tail[len(tail)-8:]))
	if size+8 > len(tail) {
		return fmt.Errorf("footer of %d bytes in a tail of %d", size, len(tail))
	}
	pageIndex, footer := tail[:len(tail)-8-size], tail[len(tail)-8-size:len(tail)-8]
	keepIndex := !onePagePerChunk(md)
	out, err := stripFooter(fw.footer[:0], footer, keepIndex, lakeFooter)
	if err != nil {
		return fmt.Errorf("rewrite footer: %w", err)
	}
	out = binary.LittleEndian.AppendUint32(out, uint32(len(out)))
	fw.footer = append(out, "PAR1"...)
	if keepIndex { // the footer points into it
		if _, err := fw.out.Write(pageIndex); err != nil {
			return err
		}
	}
	_, err = fw.out.Write(fw.footer)
	return err
}

// onePagePerChunk reports whether every column chunk of md holds one data
// page, by the chunks' page encoding stats.
func onePagePerChunk(md *format.FileMetaData) bool {
	for _, rg := range md.RowGroups {
		for _, c := range rg.Columns {
			pages := int32(0)
			for _, st := range c.MetaData.EncodingStats {
				if st.PageType == format.DataPage || st.PageType == format.DataPageV2 {
					pages += st.Count
				}
			}
			if pages != 1 {
				return false
			}
		}
	}
	return true
}

func (fw *fileWriter) writeColumns(rows []record.Row) error {
	cws := fw.pw.ColumnWriters()
	for c := range leaves {
		v := appendColumn(fw.vals[c][:0], &leaves[c], c, rows)
		fw.vals[c] = v
		if _, err := cws[c].WriteRowValues(v); err != nil {
			return err
		}
	}
	return nil
}

// appendColumn appends leaf c's values (with their levels) for rows to dst.
// Byte values alias the rows' strings: dst must be written before they
// change.
func appendColumn(dst []parquet.Value, l *leaf, c int, rows []record.Row) []parquet.Value {
	null := parquet.NullValue().Level(0, 0, c)
	switch l.kind {
	case record.String, record.JSON:
		switch {
		case l.str >= 0:
			bit := uint64(1) << uint(l.str)
			for i := range rows {
				r := &rows[i]
				if r.Set&bit != 0 {
					dst = append(dst, parquet.ByteArrayValue(bytesOf(r.Str[l.str])).Level(0, 1, c))
				} else {
					dst = append(dst, null)
				}
			}
		case l.col.Name == record.ColExtra:
			for i := range rows {
				if x := rows[i].Extra; x != "" {
					dst = append(dst, parquet.ByteArrayValue(bytesOf(x)).Level(0, 1, c))
				} else {
					dst = append(dst, null)
				}
			}
		case l.col.Name == record.ColSource:
			for i := range rows {
				dst = append(dst, parquet.ByteArrayValue(bytesOf(rows[i].Source)).Level(0, 1, c))
			}
		default:
			for range rows {
				dst = append(dst, null)
			}
		}
	case record.Timestamp:
		for i := range rows {
			if r := &rows[i]; r.HasTime {
				dst = append(dst, parquet.Int64Value(r.EventTime).Level(0, 1, c))
			} else {
				dst = append(dst, null)
			}
		}
	case record.Bool:
		mgmt := l.col.Name == record.ColManagementEvent
		for i := range rows {
			t := rows[i].ReadOnly
			if mgmt {
				t = rows[i].ManagementEvent
			}
			if t == record.Null {
				dst = append(dst, null)
			} else {
				dst = append(dst, parquet.BooleanValue(t == record.True).Level(0, 1, c))
			}
		}
	case record.StringList:
		bit := uint8(1) << uint(l.res)
		for i := range rows {
			r := &rows[i]
			switch {
			case r.Resources == nil:
				dst = append(dst, null)
			case len(r.Resources) == 0:
				dst = append(dst, parquet.NullValue().Level(0, 1, c))
			default:
				for k := range r.Resources {
					rep := 1
					if k == 0 {
						rep = 0
					}
					res := &r.Resources[k]
					if res.Set&bit != 0 {
						dst = append(dst, parquet.ByteArrayValue(bytesOf(res.F[l.res])).Level(rep, 3, c))
					} else {
						dst = append(dst, parquet.NullValue().Level(rep, 2, c))
					}
				}
			}
		}
	}
	return dst
}
