package convert

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
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
	// table holds children by keyHash, open addressing with linear
	// probing, at most a quarter full: faster than the map for these keys.
	table []childSlot
	cols  uint64    // the string columns at or below this node (Row.Set bits)
	event bool      // a key of the event's top level that makes an object an event (eventKeys)
	id    int       // index of the node in numNodes
	w     [2]uint64 // keyWord(name), keyWord(name[8:]) (see at)
}

type childSlot struct {
	w    uint64 // keyWord(name)
	name string
	n    *node
}

var eventTree = buildTree()

// keyWord is the first 8 bytes of a key, little-endian, zero past its end.
func keyWord(k []byte) uint64 {
	if len(k) >= 8 {
		return binary.LittleEndian.Uint64(k)
	}
	var w uint64
	for i := len(k) - 1; i >= 0; i-- {
		w = w<<8 | uint64(k[i])
	}
	return w
}

// keyWordAt is keyWord(b[i:i+n]), read as one load where b has the bytes.
func keyWordAt(b []byte, i, n int) uint64 {
	if i+8 > len(b) {
		return keyWord(b[i : i+n])
	}
	w := binary.LittleEndian.Uint64(b[i:])
	if n < 8 {
		w &= 1<<(8*uint(n)) - 1
	}
	return w
}

// keyHash mixes a key's length and first 8 bytes; the table is sized so
// that the keys of one level rarely collide.
func keyHash(w uint64, n int) uint {
	return uint((w + uint64(n)) * 0x9E3779B97F4A7C15 >> 40)
}

// child returns the child node for key k, whose keyWord is w, or nil.
func (n *node) child(k []byte, w uint64) *node {
	t := n.table
	if len(t) == 0 {
		return nil
	}
	mask := uint(len(t) - 1)
	for h := keyHash(w, len(k)) & mask; ; h = (h + 1) & mask {
		e := &t[h]
		if e.n == nil {
			return nil
		}
		if e.w == w && len(e.name) == len(k) && (len(k) <= 8 || e.name[8:] == string(k[8:])) {
			return e.n
		}
	}
}

func (n *node) index() {
	size := 8
	for size < 4*len(n.children) {
		size *= 2
	}
	n.table = make([]childSlot, size)
	mask := uint(size - 1)
	for name, c := range n.children {
		w := keyWord([]byte(name))
		h := keyHash(w, len(name)) & mask
		for n.table[h].n != nil {
			h = (h + 1) & mask
		}
		n.table[h] = childSlot{w, name, c}
		switch c.kind {
		case fObject:
			c.index()
			n.cols |= c.cols
		case fStr, fJSON:
			n.cols |= 1 << c.col
		}
	}
}

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
		for _, k := range path {
			if _, esc, high, err := scanString([]byte(`"`+k+`"`), 0); esc || high || err != nil {
				panic("convert: a column path key that JSON must escape: " + k) // hasKeyAt relies on it
			}
		}
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
	for k := range eventKeys {
		if c := root.children[k]; c != nil {
			c.event = true
		} else {
			otherEventKeys = append(otherEventKeys, k)
		}
	}
	root.index()
	var number func(n *node)
	number = func(n *node) {
		n.id = numNodes
		n.w[0] = keyWord([]byte(n.name))
		if len(n.name) > 8 {
			n.w[1] = keyWord([]byte(n.name[8:]))
		}
		numNodes++
		for _, c := range n.table {
			if c.n != nil {
				number(c.n)
			}
		}
	}
	number(root)
	return root
}

// numNodes counts the nodes of eventTree.
var numNodes int

// otherEventKeys are the eventKeys that have no node in eventTree.
var otherEventKeys []string

// Flattener maps raw events onto rows. It reuses its buffers between calls,
// so one Flattener serves one goroutine.
type Flattener struct {
	row   *record.Row
	b     []byte
	s     string // string(b): typed values are substrings of it
	nodes []xnode
	nused int
	arena []byte            // see keep
	res   []record.Resource // see resources
	event bool              // the last object flattened has a key of eventKeys at its top level
	// The keys of an object are expected in the order of the last object
	// at the same place: first[n.id] is the child key that came first in
	// node n's object, after[c.id] the one that followed c. A key that is
	// as expected is matched as bytes, without a scan and a lookup.
	first, after []*node
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
	end, err := f.flatten(raw, row)
	if err != nil {
		return err
	}
	if rest := skipWS(raw, end); rest != len(raw) {
		return errAt(rest, "data after the event object")
	}
	return nil
}

// flatten is Flatten of the JSON object at the start of b (after
// whitespace), which may be followed by anything: it returns the index
// after the object. The errors are those of skipValue on b, so that an
// error near the end of b may mean only that the object goes on after it.
func (f *Flattener) flatten(b []byte, row *record.Row) (int, error) {
	row.Reset()
	f.row, f.b, f.nused, f.event = row, b, 0, false
	f.s = ""
	if len(b) > 0 {
		f.s = unsafe.String(&b[0], len(b))
	}
	if len(f.nodes) > 64 { // one pathological event must not pin memory
		f.nodes = nil
	}
	if f.after == nil {
		f.first, f.after = make([]*node, numNodes), make([]*node, numNodes)
	}
	start := skipWS(b, 0)
	if start >= len(b) || b[start] != '{' {
		return 0, errAt(start, "expected an object")
	}
	root := f.newNode()
	end, err := f.object(start, eventTree, root, 1)
	if err != nil {
		return 0, err
	}
	if !root.empty() {
		row.Extra = f.keep(root)
	}
	return end, nil
}

// Strings and lists made for rows are cut from chunks that are never
// written again once handed out (a row may outlive the next Flatten), so
// that an event costs no allocation of its own.
const (
	arenaBytes     = 16 << 10
	arenaResources = 128
)

// keep returns x as JSON text in the arena.
func (f *Flattener) keep(x *xnode) string {
	a := f.arena
	if cap(a)-len(a) < 1024 {
		a = make([]byte, 0, arenaBytes)
	}
	out := appendXNode(a[len(a):], x)
	if len(out) <= cap(a)-len(a) { // written in place
		a = a[:len(a)+len(out)]
	}
	f.arena = a
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// object flattens the object at b[i] == '{' under tree node n, recording
// leftovers in x, and returns the index after it. The values of its members
// are at nesting depth depth. It parses and checks every byte once, and
// fails on the first error in the text with the position and message of
// skipValue.
func (f *Flattener) object(i int, n *node, x *xnode, depth int) (int, error) {
	b := f.b
	j := skipWS(b, i+1)
	if j < len(b) && b[j] == '}' {
		return j + 1, nil
	}
	var prev *node // the last key of n found
	for {
		if j >= len(b) || b[j] != '"' {
			return 0, errAt(j, "expected object key")
		}
		var pred *node
		if prev == nil {
			pred = f.first[n.id]
		} else {
			pred = f.after[prev.id]
		}
		var (
			c    *node
			key  string // the key, when c == nil
			kend int
			err  error
		)
		if pred != nil && pred.at(b, j+1) {
			c, kend = pred, j+len(pred.name)+2
		} else {
			var esc, high bool
			kend, esc, high, err = scanString(b, j)
			if err != nil {
				return 0, err
			}
			kb := b[j+1 : kend-1]
			var kw uint64 // keyWord(kb)
			if esc || high && !utf8.Valid(kb) {
				if key, err = decodeString(b[j:kend], esc, high); err != nil {
					return 0, err
				}
				kb = unsafe.Slice(unsafe.StringData(key), len(key))
				kw = keyWord(kb)
			} else {
				key = f.s[j+1 : kend-1]
				kw = keyWordAt(b, j+1, len(kb))
			}
			if c = n.child(kb, kw); c != nil {
				if prev == nil {
					f.first[n.id] = c
				} else {
					f.after[prev.id] = c
				}
			}
		}
		j = skipWS(b, kend)
		if j >= len(b) || b[j] != ':' {
			return 0, errAt(j, "expected ':' after object key")
		}
		v := skipWS(b, j+1)
		if v >= len(b) {
			return 0, errAt(v, "unexpected end of input")
		}
		if depth > maxDepth {
			return 0, errAt(v, "nesting too deep")
		}
		var end int
		if c == nil {
			if depth == 1 && len(otherEventKeys) > 0 && !f.event {
				f.event = slices.Contains(otherEventKeys, key)
			}
			end, err = f.setRaw(x, key, v, depth)
		} else {
			prev = c
			f.event = f.event || c.event
			end, err = f.member(c, x, v, depth)
		}
		if err != nil {
			return 0, err
		}
		j = skipWS(b, end)
		if j < len(b) && b[j] == ',' {
			j = skipWS(b, j+1)
			continue
		}
		if j < len(b) && b[j] == '}' {
			return j + 1, nil
		}
		return 0, errAt(j, "expected ',' or '}' in object")
	}
}

// at reports whether b[i:] starts with n's name and a closing quote (the
// name has no byte that a JSON string must escape), comparing 8 bytes at a
// time.
func (n *node) at(b []byte, i int) bool {
	l := len(n.name)
	e := i + l
	if e >= len(b) || b[e] != '"' {
		return false
	}
	switch {
	case l <= 8 && i+8 <= len(b):
		return binary.LittleEndian.Uint64(b[i:])&(1<<(8*uint(l))-1) == n.w[0]
	case l <= 16 && i+16 <= len(b):
		return binary.LittleEndian.Uint64(b[i:]) == n.w[0] &&
			binary.LittleEndian.Uint64(b[i+8:])&(1<<(8*uint(l-8))-1) == n.w[1]
	}
	return string(b[i:e]) == n.name
}

// setRaw keeps the value at b[v] in x under key, as JSON text.
func (f *Flattener) setRaw(x *xnode, key string, v, depth int) (int, error) {
	var fl scanFlags
	end, err := skipValueFlags(f.b, v, depth, &fl)
	if err != nil {
		return 0, err
	}
	x.set(key, f.text(v, end, fl))
	return end, nil
}

// member flattens the value at b[v] of the key of tree node c.
func (f *Flattener) member(c *node, x *xnode, v, depth int) (int, error) {
	b := f.b
	key := c.name
	switch c.kind {
	case fStr:
		if b[v] != '"' {
			f.row.ClearStr(c.col)
			return f.setRaw(x, key, v, depth)
		}
		end, s, err := f.str(v)
		if err != nil {
			return 0, err
		}
		f.row.SetStr(c.col, s)
		x.remove(key)
		return end, nil
	case fJSON:
		var fl scanFlags
		end, err := skipValueFlags(b, v, depth, &fl)
		if err != nil {
			return 0, err
		}
		if b[v] == 'n' { // null: the column cannot tell it from absent
			f.row.ClearStr(c.col)
			x.set(key, "null")
			return end, nil
		}
		f.row.SetStr(c.col, f.text(v, end, fl))
		x.remove(key)
		return end, nil
	case fObject:
		// A repeated key replaces what an earlier one set, as the last
		// key wins in encoding/json.
		for set := f.row.Set & c.cols; set != 0; set &= set - 1 {
			f.row.ClearStr(bits.TrailingZeros64(set))
		}
		if b[v] != '{' {
			return f.setRaw(x, key, v, depth)
		}
		before := f.row.Set
		child := f.newNode()
		end, err := f.object(v, c, child, depth+1)
		if err != nil {
			return 0, err
		}
		switch {
		case !child.empty():
			x.setChild(key, child)
			return end, nil
		case f.row.Set == before:
			// An object that filled no column and left nothing over is
			// an empty object, or held only keys that are now NULL.
			x.set(key, "{}")
			return end, nil
		}
		x.remove(key)
		return end, nil
	case fTime:
		f.row.HasTime = false
		if b[v] != '"' {
			return f.setRaw(x, key, v, depth)
		}
		end, s, err := f.str(v)
		if err != nil {
			return 0, err
		}
		ms, canonical, ok := parseEventTime(s)
		if ok {
			f.row.EventTime, f.row.HasTime = ms, true
		}
		if !canonical {
			x.set(key, f.text(v, end, sawHigh))
			return end, nil
		}
		x.remove(key)
		return end, nil
	case fReadOnly, fManagementEvent:
		var fl scanFlags
		end, err := skipValueFlags(b, v, depth, &fl)
		if err != nil {
			return 0, err
		}
		t := record.Null
		switch string(b[v:end]) {
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
			x.set(key, f.text(v, end, fl))
			return end, nil
		}
		x.remove(key)
		return end, nil
	default: // fResources
		if b[v] != '[' {
			f.row.Resources = nil
			return f.setRaw(x, key, v, depth)
		}
		end, clean, fl, err := f.resources(v, depth)
		if err != nil {
			return 0, err
		}
		if !clean {
			x.set(key, f.text(v, end, fl))
			return end, nil
		}
		x.remove(key)
		return end, nil
	}
}

// str decodes the JSON string at b[v] and returns the index after it.
func (f *Flattener) str(v int) (int, string, error) {
	end, esc, high, err := scanString(f.b, v)
	if err != nil {
		return 0, "", err
	}
	if !esc && (!high || utf8.Valid(f.b[v+1:end-1])) {
		return end, f.s[v+1 : end-1], nil
	}
	s, err := decodeString(f.b[v:end], esc, high)
	return end, s, err
}

// text returns the valid JSON value b[v:end], on which skipValueFlags
// reported fl, as compact JSON text in valid UTF-8.
func (f *Flattener) text(v, end int, fl scanFlags) string {
	val := f.b[v:end]
	if fl&sawWS == 0 && (fl&sawHigh == 0 || utf8.Valid(val)) {
		return f.s[v:end]
	}
	return string(validJSONText(compactJSON(nil, val)))
}

var resourceKeys = [...]string{record.ResourceARN: "ARN", record.ResourceAccountID: "accountId", record.ResourceType: "type"}

// resources fills the resources_* lists from the array at b[v] (at
// nesting depth depth) of {ARN, accountId, type} objects, and returns the
// index after it. clean reports whether the typed lists alone rebuild it;
// when not (empty, an element that is not such an object, other keys or
// types), the caller keeps the array whole in _extra, as text made with
// fl, and the lists keep whatever string fields they could take.
func (f *Flattener) resources(v, depth int) (end int, clean bool, fl scanFlags, err error) {
	f.row.Resources = nil
	if cap(f.res)-len(f.res) < 8 {
		f.res = make([]record.Resource, 0, arenaResources)
	}
	// The list grows in the arena's free part (or on its own past it),
	// and the part it took is handed out for good.
	free := f.res[len(f.res):len(f.res):cap(f.res)]
	res, end, clean, fl, err := f.resourceList(free, v, depth)
	if len(res) <= cap(free) {
		f.res = f.res[:len(f.res)+len(res)]
	}
	if err == nil {
		f.row.Resources = res[:len(res):len(res)]
	}
	return end, clean, fl, err
}

func (f *Flattener) resourceList(res []record.Resource, v, depth int) (_ []record.Resource, end int, clean bool, fl scanFlags, err error) {
	b := f.b
	j := skipWSFlags(b, v+1, &fl)
	if j < len(b) && b[j] == ']' {
		return res, j + 1, false, fl, nil
	}
	clean = true
	for {
		if j >= len(b) {
			return res, 0, false, 0, errAt(j, "unexpected end of input")
		}
		if depth+1 > maxDepth {
			return res, 0, false, 0, errAt(j, "nesting too deep")
		}
		var r record.Resource
		if b[j] == '{' {
			j, err = f.resource(j, depth+1, &r, &clean, &fl)
		} else {
			clean = false
			j, err = skipValueFlags(b, j, depth+1, &fl)
		}
		if err != nil {
			return res, 0, false, 0, err
		}
		res = append(res, r)
		j = skipWSFlags(b, j, &fl)
		if j < len(b) && b[j] == ',' {
			j = skipWSFlags(b, j+1, &fl)
			continue
		}
		if j < len(b) && b[j] == ']' {
			return res, j + 1, clean, fl, nil
		}
		return res, 0, false, 0, errAt(j, "expected ',' or ']' in array")
	}
}

// resource reads the object at b[i] (at nesting depth depth), one element
// of resources, into r.
func (f *Flattener) resource(i, depth int, r *record.Resource, clean *bool, fl *scanFlags) (int, error) {
	b := f.b
	j := skipWSFlags(b, i+1, fl)
	if j < len(b) && b[j] == '}' {
		return j + 1, nil
	}
	for {
		if j >= len(b) || b[j] != '"' {
			return 0, errAt(j, "expected object key")
		}
		kend, esc, high, err := scanString(b, j)
		if err != nil {
			return 0, err
		}
		if high {
			*fl |= sawHigh
		}
		kb := b[j+1 : kend-1]
		if esc || high && !utf8.Valid(kb) {
			k, err := decodeString(b[j:kend], esc, high)
			if err != nil {
				return 0, err
			}
			kb = unsafe.Slice(unsafe.StringData(k), len(k))
		}
		j = skipWSFlags(b, kend, fl)
		if j >= len(b) || b[j] != ':' {
			return 0, errAt(j, "expected ':' after object key")
		}
		j = skipWSFlags(b, j+1, fl)
		if j >= len(b) {
			return 0, errAt(j, "unexpected end of input")
		}
		if depth+1 > maxDepth {
			return 0, errAt(j, "nesting too deep")
		}
		k := -1
		for n, name := range resourceKeys {
			if string(kb) == name {
				k = n
				break
			}
		}
		if k >= 0 && b[j] == '"' {
			end, esc, high, err := scanString(b, j)
			if err != nil {
				return 0, err
			}
			if high {
				*fl |= sawHigh
			}
			s := f.s[j+1 : end-1]
			if esc || high && !utf8.Valid(b[j+1:end-1]) {
				if s, err = decodeString(b[j:end], esc, high); err != nil {
					return 0, err
				}
			}
			if r.Set&(1<<k) != 0 {
				*clean = false // a repeated key: the last one wins
			}
			r.F[k], r.Set = s, r.Set|1<<k
			j = end
		} else {
			*clean = false
			if j, err = skipValueFlags(b, j, depth+1, fl); err != nil {
				return 0, err
			}
		}
		j = skipWSFlags(b, j, fl)
		if j < len(b) && b[j] == ',' {
			j = skipWSFlags(b, j+1, fl)
			continue
		}
		if j < len(b) && b[j] == '}' {
			return j + 1, nil
		}
		return 0, errAt(j, "expected ',' or '}' in object")
	}
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
