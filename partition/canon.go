package partition

import (
	"bytes"
	"encoding/json"

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
// eventtime and a non-empty eventID, to recognise exact duplicates.
type dupGroup struct {
	part  string
	time  int64
	id    string
	kept  [][]byte // raw contents kept
	canon [][]byte // their canonical forms, computed on demand
}

// same reports whether e starts or continues the group.
func (g *dupGroup) same(e *entry) bool {
	return e.id != "" && g.id == e.id && g.time == e.time && g.part == e.part
}

func (g *dupGroup) reset(e *entry) {
	g.part, g.time, g.id = e.part, e.time, e.id
	g.kept, g.canon = g.kept[:0], g.canon[:0]
}

// duplicate reports whether e's content equals a kept row's, byte for byte
// or once JSON is canonical; if not, e is added to the kept rows.
func (g *dupGroup) duplicate(e *entry) (bool, error) {
	for _, k := range g.kept {
		if bytes.Equal(k, e.content) {
			return true, nil
		}
	}
	var c []byte
	if len(g.kept) > 0 {
		var err error
		if c, err = canonicalContent(e.content); err != nil {
			return false, err
		}
		for i, k := range g.kept {
			if g.canon[i] == nil {
				if g.canon[i], err = canonicalContent(k); err != nil {
					return false, err
				}
			}
			if bytes.Equal(g.canon[i], c) {
				return true, nil
			}
		}
	}
	g.kept = append(g.kept, bytes.Clone(e.content))
	g.canon = append(g.canon, c)
	return false, nil
}
