package main

import (
	"strconv"

	"github.com/spf13/pflag"

	"github.com/trailhouse/trailhouse/schedules"
)

// bytesFlag is a size flag, written as schedules.ParseBytes reads it.
type bytesFlag int64

func (b *bytesFlag) Set(s string) error {
	n, err := schedules.ParseBytes(s)
	if err != nil {
		return err
	}
	*b = bytesFlag(n)
	return nil
}

// String is the size in the largest binary unit that divides it exactly.
func (b *bytesFlag) String() string {
	n := int64(*b)
	for _, u := range []struct {
		name  string
		scale int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n != 0 && n%u.scale == 0 {
			return strconv.FormatInt(n/u.scale, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *bytesFlag) Type() string { return "size" }

// bytesVar defines a size flag stored in p.
func bytesVar(f *pflag.FlagSet, p *int64, name string, value int64, usage string) {
	*p = value
	f.Var((*bytesFlag)(p), name, usage)
}
