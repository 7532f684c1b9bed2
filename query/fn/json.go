package fn

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	json "github.com/goccy/go-json"

	"github.com/trailhouse/trailhouse/query/vec"
)

// A JSON path is the subset of JSONPath that Trino's json_extract family
// takes: $ then .key, ["key"] or [index] steps.
type pathStep struct {
	key   string
	index int // -1 for a key step
}

var pathCache sync.Map

func parsePath(p string) ([]pathStep, error) {
	if st, ok := pathCache.Load(p); ok {
		return st.([]pathStep), nil
	}
	bad := func() ([]pathStep, error) { return nil, fmt.Errorf("%w: invalid JSON path %q", ErrValue, p) }
	s := strings.TrimSpace(p)
	if !strings.HasPrefix(s, "$") {
		return bad()
	}
	s = s[1:]
	var steps []pathStep
	for len(s) > 0 {
		switch s[0] {
		case '.':
			s = s[1:]
			k := 0
			for k < len(s) && s[k] != '.' && s[k] != '[' {
				k++
			}
			if k == 0 {
				return bad()
			}
			steps = append(steps, pathStep{key: s[:k], index: -1})
			s = s[k:]
		case '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return bad()
			}
			in := strings.TrimSpace(s[1:end])
			s = s[end+1:]
			if len(in) >= 2 && (in[0] == '"' || in[0] == '\'') && in[len(in)-1] == in[0] {
				steps = append(steps, pathStep{key: in[1 : len(in)-1], index: -1})
				continue
			}
			n, err := strconv.Atoi(in)
			if err != nil || n < 0 {
				return bad()
			}
			steps = append(steps, pathStep{index: n})
		default:
			return bad()
		}
	}
	pathCache.Store(p, steps)
	return steps, nil
}

// extractRaw returns the raw JSON text at path in doc, or nil when absent
// (or when doc is not JSON). It scans the text without decoding the
// values it passes over.
func extractRaw(doc string, steps []pathStep) []byte {
	i := skipWS(doc, 0)
	for _, st := range steps {
		if i >= len(doc) {
			return nil
		}
		if st.index < 0 {
			if i = findKey(doc, i, st.key); i < 0 {
				return nil
			}
		} else if i = findIndex(doc, i, st.index); i < 0 {
			return nil
		}
	}
	end := skipValue(doc, i)
	if end < 0 {
		return nil
	}
	return []byte(doc[i:end])
}

func skipWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index past the string whose quote is at i, or -1.
func skipString(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index past the value starting at i, or -1.
func skipValue(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	switch s[i] {
	case '"':
		return skipString(s, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '"':
				if j = skipString(s, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(s) && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// findKey returns where the value of key starts in the object at i, or -1.
func findKey(s string, i int, key string) int {
	if s[i] != '{' {
		return -1
	}
	i = skipWS(s, i+1)
	for i < len(s) && s[i] != '}' {
		if s[i] != '"' {
			return -1
		}
		end := skipString(s, i)
		if end < 0 {
			return -1
		}
		k := s[i+1 : end-1]
		match := k == key
		if !match && strings.IndexByte(k, '\\') >= 0 {
			var dk string
			if json.Unmarshal([]byte(s[i:end]), &dk) == nil {
				match = dk == key
			}
		}
		i = skipWS(s, end)
		if i >= len(s) || s[i] != ':' {
			return -1
		}
		i = skipWS(s, i+1)
		if match {
			return i
		}
		if i = skipValue(s, i); i < 0 {
			return -1
		}
		i = skipWS(s, i)
		if i < len(s) && s[i] == ',' {
			i = skipWS(s, i+1)
		}
	}
	return -1
}

// findIndex returns where element n starts in the array at i, or -1.
func findIndex(s string, i int, n int) int {
	if s[i] != '[' {
		return -1
	}
	i = skipWS(s, i+1)
	for k := 0; i < len(s) && s[i] != ']'; k++ {
		if k == n {
			return i
		}
		if i = skipValue(s, i); i < 0 {
			return -1
		}
		i = skipWS(s, i)
		if i < len(s) && s[i] == ',' {
			i = skipWS(s, i+1)
		}
	}
	return -1
}

// scalarText is json_extract_scalar's value of raw JSON: a string's
// content, a number's or boolean's text; false for null, objects, arrays.
func scalarText(raw []byte) (string, bool) {
	if len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case '"':
		if bytes.IndexByte(raw, '\\') < 0 && len(raw) >= 2 {
			return string(raw[1 : len(raw)-1]), true
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case '{', '[', 'n':
		return "", false
	}
	return string(raw), true
}

func compactJSON(raw []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}

func jsonArgs(name string, ret *vec.Type, k Kernel) resolver {
	return func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || !(args[0].Stringy() || args[0].Kind == vec.Unknown) || !Coercible(args[1], tV) {
			return nil, argErr(name, args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tV}, Ret: ret, Eval: k}, nil
	}
}

func pathKernel(ret *vec.Type, f func(raw []byte) (string, bool)) Kernel {
	return func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		if a[0].T.Kind == vec.Unknown {
			return vec.Nulls(ret, n), nil
		}
		out := &vec.Vector{T: ret, Len: n, S: make([]string, n), Null: make([]bool, n)}
		var lastP string
		var steps []pathStep
		for i := 0; i < n; i++ {
			if a[0].IsNull(i) || a[1].IsNull(i) {
				out.Null[i] = true
				continue
			}
			if steps == nil || a[1].S[i] != lastP {
				var err error
				if steps, err = parsePath(a[1].S[i]); err != nil {
					return nil, err
				}
				lastP = a[1].S[i]
			}
			raw := extractRaw(a[0].S[i], steps)
			if raw == nil {
				out.Null[i] = true
				continue
			}
			s, ok := f(raw)
			if !ok {
				out.Null[i] = true
				continue
			}
			out.S[i] = s
		}
		return out, nil
	}
}

func init() {
	register("json_extract_scalar", jsonArgs("json_extract_scalar", tV, pathKernel(tV, scalarText)))
	register("json_extract", jsonArgs("json_extract", vec.TJSON, pathKernel(vec.TJSON, func(raw []byte) (string, bool) {
		return compactJSON(raw), true
	})))
	jsonLen := func(_ *Ctx, x []any) (any, error) {
		var a []json.RawMessage
		if json.Unmarshal([]byte(x[0].(string)), &a) != nil {
			return nil, nil
		}
		return int64(len(a)), nil
	}
	register("json_array_length", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 1 || !(args[0].Stringy() || args[0].Kind == vec.Unknown) {
			return nil, argErr("json_array_length", args)
		}
		return &Scalar{Args: args, Ret: tI, Eval: rowwise(tI, false, jsonLen)}, nil
	})
	register("json_size", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || !args[0].Stringy() {
			return nil, argErr("json_size", args)
		}
		return &Scalar{Args: []*vec.Type{args[0], tV}, Ret: tI, Eval: rowwise(tI, false, func(_ *Ctx, x []any) (any, error) {
			steps, err := parsePath(x[1].(string))
			if err != nil {
				return nil, err
			}
			raw := extractRaw(x[0].(string), steps)
			if raw == nil {
				return nil, nil
			}
			switch raw[0] {
			case '{':
				var m map[string]json.RawMessage
				_ = json.Unmarshal(raw, &m)
				return int64(len(m)), nil
			case '[':
				var a []json.RawMessage
				_ = json.Unmarshal(raw, &a)
				return int64(len(a)), nil
			}
			return int64(0), nil
		})}, nil
	})
	register("json_parse", fixed("json_parse", vec.TJSON, rowwise(vec.TJSON, false, func(_ *Ctx, x []any) (any, error) {
		s := x[0].(string)
		if !json.Valid([]byte(s)) {
			return nil, fmt.Errorf("%w: json_parse: not valid JSON: %.40q", ErrValue, s)
		}
		if !strings.Contains(s, "{") {
			return compactJSON([]byte(s)), nil
		}
		return sortedJSON(s)
	}), tV))
	register("json_format", fixed("json_format", tV, func(_ *Ctx, a []*vec.Vector, _ int) (*vec.Vector, error) {
		v := *a[0]
		v.T = tV
		return &v, nil
	}, vec.TJSON))
	register("is_json_scalar", fixed("is_json_scalar", tB, rowwise(tB, false, func(_ *Ctx, x []any) (any, error) {
		s := strings.TrimSpace(x[0].(string))
		return len(s) > 0 && s[0] != '{' && s[0] != '[', nil
	}), tV))
	register("json_array_contains", func(args []*vec.Type) (*Scalar, error) {
		if len(args) != 2 || !args[0].Stringy() {
			return nil, argErr("json_array_contains", args)
		}
		return &Scalar{Args: args, Ret: tB, Eval: rowwise(tB, false, func(_ *Ctx, x []any) (any, error) {
			var a []any
			if json.Unmarshal([]byte(x[0].(string)), &a) != nil {
				return nil, nil
			}
			for _, e := range a {
				switch e := e.(type) {
				case string:
					if s, ok := x[1].(string); ok && s == e {
						return true, nil
					}
				case float64:
					switch y := x[1].(type) {
					case int64:
						if float64(y) == e {
							return true, nil
						}
					case float64:
						if y == e {
							return true, nil
						}
					}
				case bool:
					if b, ok := x[1].(bool); ok && b == e {
						return true, nil
					}
				}
			}
			return false, nil
		})}, nil
	})
}

// sortedJSON is valid JSON text s, compact and with every object's keys in
// sorted order, as Trino's JSON values are (json_parse); numbers keep
// their text.
func sortedJSON(s string) (string, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return "", fmt.Errorf("%w: json_parse: %v", ErrValue, err)
	}
	var b strings.Builder
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil { // maps encode with sorted keys
		return "", fmt.Errorf("%w: json_parse: %v", ErrValue, err)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
