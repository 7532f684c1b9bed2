package convert

import (
	"fmt"
	"unicode/utf8"
	"unsafe"

	"github.com/trailhouse/trailhouse/internal/record"
)

type fieldKind uint8

const (
	fStr fieldKind = iota
	fJSON
	fObject
	fTime
	fReadOnly
	fManagementEvent
	fResources
)

// node is one key of the CloudTrail event tree that has a typed column (or,
// for fObject, typed columns below it).
type node struct {
	kind     fieldKind
	col      int
	name     string // the key this node is found under
	children map[string]*node
}

var eventTree = buildTree()

func buildTree() *node {
	root := &node{kind: fObject, children: map[string]*node{}}
	add := func(path []string, leaf *node) {
		n := root
		for _, k := range path[:len(path)-1] {
			c := n.children[k]
			if c == nil {
				c = &node{kind: fObject, name: k, children: map[string]*node{}}
				n.children[k] = c
			}
			n = c
		}
		leaf.name = path[len(path)-1]
		n.children[leaf.name] = leaf
	}
	for i, c := range record.StrColumns {
		k := fStr
		if c.Kind == record.JSON {
			k = fJSON
		}
		add(c.Path, &node{kind: k, col: i})
	}
	add(record.EventTimeColumn.Path, &node{kind: fTime})
	add(record.ReadOnlyColumn.Path, &node{kind: fReadOnly})
	add(record.ManagementEventColumn.Path, &node{kind: fManagementEvent})
	add([]string{"resources"}, &node{kind: fResources})
	return root
}

// Flattener maps raw events onto rows. It reuses its buffers between calls,
// so one Flattener serves one goroutine.
type Flattener struct {
	row   *record.Row
	b     []byte
	s     string // string(b): typed values are substrings of it
	nodes []xnode
	nused int
	out   []byte
}

// xnode is one object level of the _extra document being built.
type xnode struct {
	keys []string
	vals []xval
}

type xval struct {
	raw   string // JSON text, when child == nil
	child *xnode
}

func (x *xnode) set(key, raw string) {
	for i, k := range x.keys {
		if k == key {
			x.vals[i] = xval{raw: raw}
			return
		}
	}
	x.keys = append(x.keys, key)
	x.vals = append(x.vals, xval{raw: raw})
}

func (x *xnode) setChild(key string, c *xnode) {
	for i, k := range x.keys {
		if k == key {
			x.vals[i] = xval{child: c}
			return
		}
	}
	x.keys = append(x.keys, key)
	x.vals = append(x.vals, xval{child: c})
}

// remove drops key, so that a later typed value for a repeated key wins
// over an earlier one kept in _extra (last key wins, as in encoding/json).
func (x *xnode) remove(key string) {
	for i, k := range x.keys {
		if k == key {
			x.keys = append(x.keys[:i], x.keys[i+1:]...)
			x.vals = append(x.vals[:i], x.vals[i+1:]...)
			return
		}
	}
}

func (x *xnode) empty() bool {
	for _, v := range x.vals {
		if v.child == nil || !v.child.empty() {
			return false
		}
	}
	return true
}

func (f *Flattener) newNode() *xnode {
	if f.nused == len(f.nodes) {
		f.nodes = append(f.nodes, xnode{})
	}
	x := &f.nodes[f.nused]
	f.nused++
	x.keys, x.vals = x.keys[:0], x.vals[:0]
	return x
}

// Flatten fills row from raw, one CloudTrail event as a JSON object. Row is
// reset first. Most of the row's strings alias raw without copying: the row
// is valid only while raw is unchanged (copy it, e.g. with
// record.Row.AppendBinary, to keep it longer). An error means raw is not a
// valid JSON object; row is then unusable.
func (f *Flattener) Flatten(raw []byte, row *record.Row) error {
	row.Reset()
	f.row, f.b, f.nused = row, raw, 0
	f.s = ""
	if len(raw) > 0 {
		f.s = unsafe.String(&raw[0], len(raw))
	}
	if len(f.nodes) > 64 { // one pathological event must not pin memory
		f.nodes = nil
	}
	start := skipWS(raw, 0)
	root := f.newNode()
	end, err := f.object(start, eventTree, root)
	if err != nil {
		return err
	}
	if rest := skipWS(raw, end); rest != len(raw) {
		return errAt(rest, "data after the event object")
	}
	if !root.empty() {
		f.out = appendXNode(f.out[:0], root)
		row.Extra = string(f.out)
	}
	return nil
}

// object flattens the object at b[i] under tree node n, recording leftovers
// in x. It reports whether the object produced anything (a column or _extra).
func (f *Flattener) object(i int, n *node, x *xnode) (int, error) {
	return forEachMember(f.b, i, func(kb []byte, val []byte, voff int) error {
		c := n.children[string(kb)]
		if c == nil {
			x.set(string(kb), f.rawText(val, voff))
			return nil
		}
		key := c.name
		switch c.kind {
		case fStr:
			s, ok, err := f.str(val, voff)
			if err != nil {
				return err
			}
			if !ok {
				f.row.ClearStr(c.col)
				x.set(key, f.rawText(val, voff))
				return nil
			}
			f.row.SetStr(c.col, s)
		case fJSON:
			if val[0] == 'n' { // null: the column cannot tell it from absent
				f.row.ClearStr(c.col)
				x.set(key, "null")
				return nil
			}
			f.row.SetStr(c.col, f.rawText(val, voff))
		case fObject:
			if val[0] != '{' {
				x.set(key, f.rawText(val, voff))
				return nil
			}
			before := f.row.Set
			child := f.newNode()
			if _, err := f.object(voff, c, child); err != nil {
				return err
			}
			switch {
			case !child.empty():
				x.setChild(key, child)
				return nil
			case f.row.Set == before:
				// An object that filled no column and left nothing over is
				// an empty object, or held only keys that are now NULL.
				x.set(key, "{}")
				return nil
			}
		case fTime:
			s, ok, err := f.str(val, voff)
			if err != nil {
				return err
			}
			f.row.HasTime = false
			if !ok {
				x.set(key, f.rawText(val, voff))
				return nil
			}
			ms, canonical, ok := parseEventTime(s)
			if ok {
				f.row.EventTime, f.row.HasTime = ms, true
			}
			if !canonical {
				x.set(key, f.rawText(val, voff))
				return nil
			}
		case fReadOnly, fManagementEvent:
			t := record.Null
			switch string(val) {
			case "true":
				t = record.True
			case "false":
				t = record.False
			}
			if c.kind == fReadOnly {
				f.row.ReadOnly = t
			} else {
				f.row.ManagementEvent = t
			}
			if t == record.Null {
				x.set(key, f.rawText(val, voff))
				return nil
			}
		case fResources:
			clean, err := f.resources(val, voff)
			if err != nil {
				return err
			}
			if !clean {
				x.set(key, f.rawText(val, voff))
				return nil
			}
		}
		x.remove(key)
		return nil
	})
}

// str decodes val as a JSON string; ok is false when val is another type.
func (f *Flattener) str(val []byte, voff int) (string, bool, error) {
	if val[0] != '"' {
		return "", false, nil
	}
	end, esc, high, err := scanString(val, 0)
	if err != nil {
		return "", false, err
	}
	if !esc && !high {
		return f.s[voff+1 : voff+end-1], true, nil
	}
	s, err := decodeString(val, esc, high)
	return s, err == nil, err
}

// rawText returns val as compact JSON text in valid UTF-8.
func (f *Flattener) rawText(val []byte, voff int) string {
	if isCompact(val) && utf8.Valid(val) {
		return f.s[voff : voff+len(val)]
	}
	return string(validJSONText(compactJSON(nil, val)))
}

var resourceKeys = [...]string{record.ResourceARN: "ARN", record.ResourceAccountID: "accountId", record.ResourceType: "type"}

// resources fills the resources_* lists from an array of {ARN, accountId,
// type} objects. It reports whether the typed lists alone rebuild val; when
// not (not an array, empty, an element that is not such an object, other
// keys or types), the caller keeps val whole in _extra and the lists keep
// whatever string fields they could take.
func (f *Flattener) resources(val []byte, voff int) (bool, error) {
	f.row.Resources = nil
	if val[0] != '[' {
		return false, nil
	}
	clean := true
	res := make([]record.Resource, 0, 2)
	j := skipWS(f.b, voff+1)
	if j < len(f.b) && f.b[j] == ']' {
		f.row.Resources = res
		return false, nil
	}
	for {
		vend, err := skipValue(f.b, j)
		if err != nil {
			return false, err
		}
		var r record.Resource
		if f.b[j] == '{' {
			_, err := forEachMember(f.b, j, func(key []byte, v []byte, off int) error {
				for k, name := range resourceKeys {
					if string(key) != name {
						continue
					}
					s, ok, err := f.str(v, off)
					if err != nil {
						return err
					}
					if !ok || r.Set&(1<<k) != 0 {
						clean = false
						if !ok {
							return nil
						}
					}
					r.F[k], r.Set = s, r.Set|1<<k
					return nil
				}
				clean = false
				return nil
			})
			if err != nil {
				return false, err
			}
		} else {
			clean = false
		}
		res = append(res, r)
		j = skipWS(f.b, vend)
		if j < len(f.b) && f.b[j] == ',' {
			j = skipWS(f.b, j+1)
			continue
		}
		break
	}
	f.row.Resources = res
	return clean, nil
}

// appendXNode writes x as a JSON object.
func appendXNode(dst []byte, x *xnode) []byte {
	dst = append(dst, '{')
	first := true
	for i, k := range x.keys {
		v := x.vals[i]
		if v.child != nil && v.child.empty() {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = appendJSONString(dst, k)
		dst = append(dst, ':')
		if v.child != nil {
			dst = appendXNode(dst, v.child)
		} else {
			dst = append(dst, v.raw...)
		}
	}
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string literal.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// FlattenError names the event within its object.
type FlattenError struct {
	Index int // 0-based position of the event in its object
	Err   error
}

func (e *FlattenError) Error() string { return fmt.Sprintf("event #%d: %v", e.Index+1, e.Err) }
func (e *FlattenError) Unwrap() error { return e.Err }
