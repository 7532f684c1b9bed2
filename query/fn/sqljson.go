package fn

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	json "github.com/goccy/go-json"

	"github.com/trailhouse/trailhouse/query/vec"
)

// JSON_VALUE's SQL/JSON path: [lax|strict] $ then .key, ."key", .*, [n],
// [last], [last - n], [*] steps. In lax mode (the default) a member step
// over an array applies to its elements and an index step over a
// non-array treats it as a one-element array; in strict mode both are
// errors, as is an index out of range.
//
// $json_value(doc, path) is the one scalar the path selects, as text; NULL
// when it selects nothing, more than one item, a non-scalar, or a JSON
// null, or when doc is not JSON. $json_value_item(doc, path) is NULL when
// the path selects nothing (JSON_VALUE's ON EMPTY), 'null' when it selects
// one JSON null (NULL whatever ON ERROR says), 'item' otherwise.

type sqlJSONStep struct {
	key      string // member name; "" with wild for .*
	index    int    // array index: from the start, or from the end with last
	last     bool   // [last - index]
	array    bool   // an array step
	wild     bool   // .* or [*]
	hasIndex bool
}

type sqlJSONPath struct {
	strict bool
	steps  []sqlJSONStep
	// plain is the path as json_extract's steps when it has only member
	// and index steps (fast is set then), for scan.
	plain []pathStep
	fast  bool
}

var sqlJSONCache sync.Map

func parseSQLJSONPath(p string) (*sqlJSONPath, error) {
	if c, ok := sqlJSONCache.Load(p); ok {
		return c.(*sqlJSONPath), nil
	}
	bad := func() (*sqlJSONPath, error) {
		return nil, fmt.Errorf("%w: invalid SQL/JSON path %q", ErrValue, p)
	}
	s := strings.TrimSpace(p)
	out := &sqlJSONPath{}
	if w, rest, ok := strings.Cut(s, " "); ok && (strings.EqualFold(w, "lax") || strings.EqualFold(w, "strict")) {
		out.strict, s = strings.EqualFold(w, "strict"), strings.TrimSpace(rest)
	}
	if !strings.HasPrefix(s, "$") {
		return bad()
	}
	s = s[1:]
	for s = strings.TrimSpace(s); len(s) > 0; s = strings.TrimSpace(s) {
		switch s[0] {
		case '.':
			s = s[1:]
			switch {
			case strings.HasPrefix(s, "*"):
				out.steps, s = append(out.steps, sqlJSONStep{wild: true}), s[1:]
			case strings.HasPrefix(s, `"`):
				end := skipString(s, 0)
				if end < 0 {
					return bad()
				}
				var k string
				if json.Unmarshal([]byte(s[:end]), &k) != nil {
					return bad()
				}
				out.steps, s = append(out.steps, sqlJSONStep{key: k}), s[end:]
			default:
				k := 0
				for k < len(s) && s[k] != '.' && s[k] != '[' && s[k] != ' ' {
					k++
				}
				if k == 0 {
					return bad()
				}
				out.steps, s = append(out.steps, sqlJSONStep{key: s[:k]}), s[k:]
			}
		case '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return bad()
			}
			in := strings.TrimSpace(s[1:end])
			s = s[end+1:]
			st := sqlJSONStep{array: true, hasIndex: true}
			switch {
			case in == "*":
				st.wild, st.hasIndex = true, false
			case strings.HasPrefix(in, "last"):
				st.last = true
				rest := strings.TrimSpace(in[4:])
				if rest != "" {
					if !strings.HasPrefix(rest, "-") {
						return bad()
					}
					n, err := strconv.Atoi(strings.TrimSpace(rest[1:]))
					if err != nil || n < 0 {
						return bad()
					}
					st.index = n
				}
			default:
				n, err := strconv.Atoi(in)
				if err != nil || n < 0 {
					return bad()
				}
				st.index = n
			}
			out.steps = append(out.steps, st)
		default:
			return bad()
		}
	}
	out.fast = true
	for _, st := range out.steps {
		switch {
		case st.wild || st.last:
			out.fast = false
		case st.array:
			out.plain = append(out.plain, pathStep{index: st.index})
		default:
			out.plain = append(out.plain, pathStep{key: st.key, index: -1})
		}
	}
	sqlJSONCache.Store(p, out)
	return out, nil
}

// eval returns the items path selects in v; ok is false on a strict-mode
// error.
func (p *sqlJSONPath) eval(v any) ([]any, bool) {
	items := []any{v}
	for _, st := range p.steps {
		var next []any
		for _, it := range items {
			arr, isArr := it.([]any)
			switch {
			case !st.array && isArr:
				if p.strict {
					return nil, false
				}
				for _, e := range arr { // lax: the member of each element
					next = append(next, member(e, st)...)
				}
			case !st.array:
				obj, isObj := it.(map[string]any)
				if !isObj {
					if p.strict {
						return nil, false
					}
					continue
				}
				m := member(obj, st)
				if p.strict && len(m) == 0 && !st.wild {
					return nil, false // strict: a missing member is an error
				}
				next = append(next, m...)
			default:
				if !isArr {
					if p.strict {
						return nil, false
					}
					arr = []any{it} // lax: a value is an array of one
				}
				if st.wild {
					next = append(next, arr...)
					continue
				}
				i := st.index
				if st.last {
					i = len(arr) - 1 - st.index
				}
				if i < 0 || i >= len(arr) {
					if p.strict {
						return nil, false
					}
					continue
				}
				next = append(next, arr[i])
			}
		}
		items = next
	}
	return items, true
}

func member(v any, st sqlJSONStep) []any {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	if st.wild {
		out := make([]any, 0, len(obj))
		for _, x := range obj {
			out = append(out, x)
		}
		return out
	}
	if x, ok := obj[st.key]; ok {
		return []any{x}
	}
	return nil
}

// sqlJSONItems evaluates path in doc: the raw text of its one item when
// the text scan finds it (raw set), else the items of the decoded
// document; ok is false when doc is not JSON or strict mode fails.
func sqlJSONItems(doc, path string) (raw []byte, items []any, ok bool, err error) {
	p, err := parseSQLJSONPath(path)
	if err != nil {
		return nil, nil, false, err
	}
	if p.fast {
		if raw, known := p.scan(doc); known {
			return raw, nil, true, nil
		}
	}
	d := json.NewDecoder(strings.NewReader(doc))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil, nil, false, nil
	}
	items, ok = p.eval(v)
	return nil, items, ok, nil
}

// scan follows a fast path through doc's text without decoding it. known
// is set when that settles the answer: raw is then the one item, or nil
// for none (a member missing from an object, an index past a lax array's
// end). Where lax mode would unwrap an array or wrap a value, where strict
// mode would fail, or on text that is not JSON, known is false.
func (p *sqlJSONPath) scan(doc string) (raw []byte, known bool) {
	i := skipWS(doc, 0)
	for _, st := range p.plain {
		if i >= len(doc) {
			return nil, false
		}
		var j int
		switch {
		case st.index < 0 && doc[i] == '{':
			j = findKey(doc, i, st.key)
		case st.index >= 0 && doc[i] == '[' && !p.strict:
			j = findIndex(doc, i, st.index)
		default:
			return nil, false
		}
		if j < 0 {
			// Missing: nothing in lax mode, an error in strict mode (which
			// the decoding path reports).
			return nil, !p.strict
		}
		i = j
	}
	end := skipValue(doc, i)
	if end < 0 {
		return nil, false
	}
	return []byte(doc[i:end]), true
}

// sqlJSONFn registers a function of (JSON text, path) built from f.
func sqlJSONFn(name string, f func(raw []byte, items []any, ok bool) any) {
	register(name, func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || !(args[0].Stringy() || args[0].Kind == vec.Unknown) || !Coercible(args[1], tV) {
			return nil, argErr("json_value", args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tV}, Ret: tV, Eval: rowwise(tV, false, func(_ *Ctx, x []any) (any, error) {
			raw, items, ok, err := sqlJSONItems(x[0].(string), x[1].(string))
			if err != nil {
				return nil, err
			}
			return f(raw, items, ok), nil
		})}, nil
	})
}

func init() {
	sqlJSONFn("$json_value", func(raw []byte, items []any, ok bool) any {
		if raw != nil {
			if s, isScalar := scalarText(raw); isScalar {
				return s
			}
			return nil
		}
		if !ok || len(items) != 1 {
			return nil
		}
		switch v := items[0].(type) {
		case string:
			return v
		case json.Number:
			return v.String()
		case bool:
			return strconv.FormatBool(v)
		}
		return nil // null, an object or an array
	})
	sqlJSONFn("$json_value_item", func(raw []byte, items []any, ok bool) any {
		if raw == nil && ok && len(items) == 0 {
			return nil
		}
		if (raw != nil && string(raw) == "null") || (raw == nil && ok && len(items) == 1 && items[0] == nil) {
			return "null" // a JSON null is SQL NULL, not an error
		}
		return "item" // a strict-mode error counts as not empty
	})
}

// $json_exists(json, path, on error) and $json_query(json, path, options)
// are JSON_EXISTS and JSON_QUERY (the parser gives the clauses as the
// last argument, a constant).
func init() {
	register("$json_exists", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 3 || !(args[0].Stringy() || args[0].Kind == vec.Unknown) || !Coercible(args[1], tV) {
			return nil, argErr("json_exists", args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tV, tV}, Ret: tB, Eval: rowwise(tB, false, func(_ *Ctx, x []any) (any, error) {
			raw, items, ok, err := sqlJSONItems(x[0].(string), x[1].(string))
			if err != nil {
				return nil, err
			}
			if !ok { // not JSON, or a strict-mode error
				switch x[2].(string) {
				case "true":
					return true, nil
				case "unknown":
					return nil, nil
				}
				return false, nil
			}
			return raw != nil || len(items) > 0, nil
		})}, nil
	})
	register("$json_query", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 3 || !(args[0].Stringy() || args[0].Kind == vec.Unknown) || !Coercible(args[1], tV) {
			return nil, argErr("json_query", args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tV, tV}, Ret: vec.TJSON, Eval: rowwise(vec.TJSON, false, func(_ *Ctx, x []any) (any, error) {
			opts := strings.Fields(x[2].(string))
			if len(opts) != 4 {
				return nil, fmt.Errorf("%w: json_query: bad options %q", ErrArgs, x[2])
			}
			wrapper, quotes, onEmpty, onError := opts[0], opts[1], opts[2], opts[3]
			fallback := func(what string) (any, error) {
				if what == "null" {
					return nil, nil
				}
				return what, nil
			}
			raw, items, ok, err := sqlJSONItems(x[0].(string), x[1].(string))
			if err != nil {
				return nil, err
			}
			if !ok {
				return fallback(onError)
			}
			var texts []string
			if raw != nil {
				texts = []string{compactJSON(raw)}
			} else {
				for _, it := range items {
					b, err := json.Marshal(it)
					if err != nil {
						return fallback(onError)
					}
					texts = append(texts, string(b))
				}
			}
			if len(texts) == 0 {
				return fallback(onEmpty)
			}
			single := len(texts) == 1 && (texts[0][0] == '{' || texts[0][0] == '[')
			switch {
			case wrapper == "unconditional", wrapper == "conditional" && !single:
				return "[" + strings.Join(texts, ",") + "]", nil
			case len(texts) != 1:
				return fallback(onError) // more than one item needs a wrapper
			}
			if t := texts[0]; t[0] == '"' && quotes == "omit" {
				var s string
				if json.Unmarshal([]byte(t), &s) == nil {
					return s, nil
				}
			}
			return texts[0], nil
		})}, nil
	})
}
