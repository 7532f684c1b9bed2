package parse

import (
	"encoding/hex"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

var (
	posType   = reflect.TypeOf(Pos{})
	identType = reflect.TypeOf(Ident{})
	qnameType = reflect.TypeOf(QualifiedName{})
)

// dump renders a tree exhaustively (every field that is set, by
// reflection) but without positions, so two trees are equal modulo
// positions exactly when their dumps are.
func dump(n any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(n), 0)
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value, depth int) {
	ind := strings.Repeat("  ", depth)
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			b.WriteString("nil\n")
			return
		}
		v = v.Elem()
	}
	switch v.Type() {
	case identType:
		b.WriteString("ident " + v.Interface().(Ident).String() + "\n")
		return
	case qnameType:
		b.WriteString("name " + v.Interface().(QualifiedName).String() + "\n")
		return
	}
	if s, ok := v.Interface().(fmt.Stringer); ok && v.Kind() == reflect.Uint8 {
		b.WriteString(s.String() + "\n")
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		switch t.Name() {
		case "ColumnRef":
			b.WriteString("ColumnRef " + Format(v.Addr().Interface().(Node)) + "\n")
			return
		case "Table":
			b.WriteString("Table " + Format(v.Addr().Interface().(Node)) + "\n")
			return
		case "NumberLit":
			b.WriteString(fmt.Sprintf("NumberLit %s (%s)\n", v.FieldByName("Text").String(), v.FieldByName("Kind").Interface()))
			return
		case "StringLit":
			b.WriteString(fmt.Sprintf("StringLit %q\n", v.FieldByName("Value").String()))
			return
		}
		b.WriteString(t.Name() + "\n")
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			fv := v.Field(i)
			if f.Type == posType || fv.IsZero() {
				continue
			}
			if fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() != reflect.Uint8 {
				b.WriteString(ind + "  " + f.Name + ":")
			} else {
				b.WriteString(ind + "  " + f.Name + ": ")
			}
			dumpValue(b, fv, depth+1)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b.WriteString("x" + hex.EncodeToString(v.Bytes()) + "\n")
			return
		}
		b.WriteString("\n")
		for i := 0; i < v.Len(); i++ {
			b.WriteString(ind + "  - ")
			dumpValue(b, v.Index(i), depth+2)
		}
	case reflect.String:
		b.WriteString(fmt.Sprintf("%q\n", v.String()))
	default:
		b.WriteString(fmt.Sprintf("%v\n", v.Interface()))
	}
}

// checkPositions verifies that every position in the tree is set and that
// its line and column agree with its byte offset in src.
func checkPositions(t *testing.T, src string, n any) {
	t.Helper()
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Struct:
			if v.Type() == posType {
				p := v.Interface().(Pos)
				if want := posAt(src, p.Offset); p != want || p.Line < 1 {
					t.Errorf("%s: position %+v, but offset %d is at %+v", path, p, p.Offset, want)
				}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(reflect.ValueOf(n), reflect.TypeOf(n).Elem().Name())
}

func posAt(src string, off int) Pos {
	p := Pos{Offset: off, Line: 1, Column: 1}
	if off < 0 || off > len(src) {
		return Pos{Offset: -1}
	}
	for _, r := range src[:off] {
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
	}
	return p
}
