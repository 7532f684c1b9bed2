package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/trailhouse/trailhouse/internal/pipeline"
)

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// bar draws a one-line progress bar on a terminal.
type bar struct {
	w     io.Writer
	start time.Time
	last  int
}

func newBar(w io.Writer) *bar { return &bar{w: w, start: time.Now()} }

func (b *bar) update(p pipeline.Progress) {
	elapsed := time.Since(b.start).Seconds()
	var done, total float64
	var what string
	if p.Phase == "write" {
		done, total = float64(p.RowsWritten), float64(p.RowsTotal)
		what = fmt.Sprintf("write %s/%s rows", human(p.RowsWritten), human(p.RowsTotal))
	} else {
		done, total = float64(p.BytesRead), float64(p.BytesTotal)
		what = fmt.Sprintf("read %d/%d objects, %s events, %.1f MB/s",
			p.ObjectsDone, p.ObjectsTotal, human(p.Events), float64(p.BytesRead)/1e6/max(elapsed, 0.001))
	}
	frac := 0.0
	if total > 0 {
		frac = min(done/total, 1)
	}
	eta := ""
	if frac > 0.01 && frac < 1 {
		eta = " ETA " + (time.Duration(elapsed/frac*(1-frac)) * time.Second).Round(time.Second).String()
	}
	const width = 24
	n := int(frac * width)
	line := fmt.Sprintf("\r[%s%s] %3.0f%% %s%s", strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100, what, eta)
	pad := ""
	if len(line) < b.last {
		pad = strings.Repeat(" ", b.last-len(line))
	}
	b.last = len(line)
	fmt.Fprint(b.w, line+pad)
}

func (b *bar) done() { fmt.Fprintln(b.w) }

func human(n int64) string {
	switch {
	case n >= 10_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%.1fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
