package parse

import "testing"

func BenchmarkParseCorpus(b *testing.B) {
	files := corpus(b, "testdata")
	var size int64
	for _, src := range files {
		size += int64(len(src))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range files {
			if _, err := Parse(src); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkFormatCorpus(b *testing.B) {
	var sts []Statement
	for _, src := range corpus(b, "testdata") {
		st, err := Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		sts = append(sts, st)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, st := range sts {
			_ = Format(st)
		}
	}
}
