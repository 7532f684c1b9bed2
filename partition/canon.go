package partition

import (
	"bytes"
	"encoding/json"
	"unsafe"

	"github.com/trailhouse/trailhouse/internal/record"
)

// canonicalContent returns a form of an encoded row in which JSON values
// (the JSON columns and _extra) are re-serialised with sorted keys, so that
// two rows holding the same event in differently ordered JSON compare
// equal. Numbers keep their literal text.
func canonicalContent(content []byte) ([]byte, error) {
	var r record.Row
	if _, err := r.DecodeBinary(content); err != nil {
		return nil, err
	}
	for i := 0; i < record.NumStr; i++ {
		if record.StrColumns[i].Kind == record.JSON && r.Has(i) {
			r.Str[i] = canonicalJSON(r.Str[i])
		}
	}
	if r.Extra != "" {
		r.Extra = canonicalJSON(r.Extra)
	}
	return r.AppendBinary(nil), nil
}

func canonicalJSON(s string) string {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return s
	}
	b, err := json.Marshal(v) // maps marshal with sorted keys
	if err != nil {
		return s
	}
	return string(b)
}

// dupGroup tracks the rows kept so far among those sharing partition,
// eventtime and a non-empty eventID, to recognise exact duplicates. It
// copies what it keeps into buffers it reuses, so entries may be transient.
type dupGroup struct {
	part  string
	time  int64
	id    string
	idBuf []byte
	buf   []byte   // raw contents kept, back to back
	ends  []int    // end of each kept content in buf
	canon [][]byte // their canonical forms, computed on demand
}

// same reports whether e starts or continues the group.
func (g *dupGroup) same(e *entry) bool {
	return e.id != "" && g.id == e.id && g.time == e.time && g.part == e.part
}

func (g *dupGroup) reset(e *entry) {
	g.part, g.time = e.part, e.time
	g.idBuf = append(g.idBuf[:0], e.id...)
	g.id = unsafe.String(unsafe.SliceData(g.idBuf), len(g.idBuf))
	g.buf, g.ends, g.canon = g.buf[:0], g.ends[:0], g.canon[:0]
}

func (g *dupGroup) kept(i int) []byte {
	start := 0
	if i > 0 {
		start = g.ends[i-1]
	}
	return g.buf[start:g.ends[i]]
}

// duplicate reports whether e's content equals a kept row's, byte for byte
// or once JSON is canonical; if not, e is added to the kept rows.
func (g *dupGroup) duplicate(e *entry) (bool, error) {
	for i := range g.ends {
		if bytes.Equal(g.kept(i), e.content) {
			return true, nil
		}
	}
	var c []byte
	if len(g.ends) > 0 {
		var err error
		if c, err = canonicalContent(e.content); err != nil {
			return false, err
		}
		for i := range g.ends {
			if g.canon[i] == nil {
				if g.canon[i], err = canonicalContent(g.kept(i)); err != nil {
					return false, err
				}
			}
			if bytes.Equal(g.canon[i], c) {
				return true, nil
			}
		}
	}
	g.buf = append(g.buf, e.content...)
	g.ends = append(g.ends, len(g.buf))
	g.canon = append(g.canon, c)
	return false, nil
}

// keptRows is how many rows the group has kept.
func (g *dupGroup) keptRows() int { return len(g.ends) }
