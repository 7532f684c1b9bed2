package synth

import "strconv"

// jv is a JSON value the generator renders by hand (no reflection on the
// hot path). Object keys keep their insertion order, as AWS's do.
type jv interface{ appendTo([]byte) []byte }

type (
	jstr  string
	jnum  int
	jbool bool
	jobj  []kv
	jarr  []jv
	jraw  string
)

type kv struct {
	k string
	v jv
}

func jsonStr(s string) jv { return jstr(s) }
func num(n int) jv        { return jnum(n) }
func jsonBool(b bool) jv  { return jbool(b) }

// obj builds an object from key, value pairs; a string value is a JSON string.
func obj(pairs ...any) jobj {
	o := make(jobj, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		var v jv
		switch x := pairs[i+1].(type) {
		case string:
			v = jstr(x)
		case jv:
			v = x
		}
		o = append(o, kv{pairs[i].(string), v})
	}
	return o
}

func arr(vs ...jv) jarr { return jarr(vs) }

func (s jstr) appendTo(b []byte) []byte  { return appendString(b, string(s)) }
func (n jnum) appendTo(b []byte) []byte  { return strconv.AppendInt(b, int64(n), 10) }
func (x jbool) appendTo(b []byte) []byte { return strconv.AppendBool(b, bool(x)) }
func (r jraw) appendTo(b []byte) []byte  { return append(b, r...) }

func (o jobj) appendTo(b []byte) []byte {
	b = append(b, '{')
	for i, e := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, e.k)
		b = append(b, ':')
		b = e.v.appendTo(b)
	}
	return append(b, '}')
}

func (a jarr) appendTo(b []byte) []byte {
	b = append(b, '[')
	for i, e := range a {
		if i > 0 {
			b = append(b, ',')
		}
		b = e.appendTo(b)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string literal.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
