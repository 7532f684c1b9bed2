package main

import (
	"fmt"
	"io"
	"log/slog"
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

// isTerminalWriter reports whether w is a file that is a terminal.
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// meter times each phase of a run, for rates and an ETA: by the phase's
// own Elapsed, else from its first snapshot. The listing before the read
// phase does not count against it.
type meter struct {
	phase string
	start time.Time
}

// reading is what a snapshot says: how far along the phase is (frac, -1
// when there is no total yet), MB/s of objects read, and the time left
// (-1 when unknown).
type reading struct {
	frac, mbps float64
	eta        time.Duration
	changed    bool // first snapshot of a phase
}

func (m *meter) read(p pipeline.Progress, now time.Time) reading {
	r := reading{frac: -1, eta: -1}
	if p.Phase != m.phase {
		m.phase, m.start, r.changed = p.Phase, now, true
	}
	elapsed := now.Sub(m.start).Seconds()
	if p.Elapsed > 0 {
		elapsed = p.Elapsed.Seconds()
	}
	var done, total float64
	switch p.Phase {
	case "read":
		done, total = float64(p.BytesRead), float64(p.BytesTotal)
		if total == 0 && p.ObjectsTotal > 0 { // sizes unknown: count objects
			done, total = float64(p.ObjectsDone), float64(p.ObjectsTotal)
		}
		r.mbps = float64(p.BytesRead) / 1e6 / max(elapsed, 0.001)
	case "write":
		done, total = float64(p.RowsWritten), float64(p.RowsTotal)
	}
	if total > 0 {
		r.frac = min(done/total, 1)
		if r.frac >= 1 {
			r.eta = 0
		} else if r.frac > 0.01 && elapsed > 0 {
			r.eta = time.Duration(elapsed / r.frac * (1 - r.frac) * float64(time.Second)).Round(time.Second)
		}
	}
	return r
}

// bar draws a one-line progress bar on a terminal.
type bar struct {
	w    io.Writer
	m    meter
	last int
}

func newBar(w io.Writer) *bar { return &bar{w: w} }

func (b *bar) update(p pipeline.Progress) {
	r := b.m.read(p, time.Now())
	var what string
	switch p.Phase {
	case "list":
		what = fmt.Sprintf("listing the source: %d objects", p.ObjectsDone)
	case "write":
		what = fmt.Sprintf("write %s/%s rows", human(p.RowsWritten), human(p.RowsTotal))
	default:
		what = fmt.Sprintf("read %d/%d objects, %s events, %.1f MB/s", p.ObjectsDone, p.ObjectsTotal, human(p.Events), r.mbps)
	}
	if r.eta > 0 {
		what += " ETA " + r.eta.String()
	}
	const width = 24
	line := "\r" + what
	if r.frac >= 0 {
		n := int(r.frac * width)
		line = fmt.Sprintf("\r[%s%s] %3.0f%% %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), r.frac*100, what)
	}
	pad := ""
	if len(line) < b.last {
		pad = strings.Repeat(" ", b.last-len(line))
	}
	b.last = len(line)
	fmt.Fprint(b.w, line+pad)
}

func (b *bar) done() { fmt.Fprintln(b.w) }

// logProgress returns a Progress func that logs structured lines: the
// first and the last snapshot of each phase, and one at most every
// interval in between.
func logProgress(l *slog.Logger, every time.Duration) func(pipeline.Progress) {
	var (
		m        meter
		last     time.Time
		finished bool // the phase's final line was logged
	)
	return func(p pipeline.Progress) {
		now := time.Now()
		r := m.read(p, now)
		if r.changed {
			finished = false
		}
		final := r.frac >= 1 && !finished
		if !r.changed && !final && now.Sub(last) < every {
			return
		}
		last, finished = now, finished || final
		attrs := []any{"phase", p.Phase}
		switch p.Phase {
		case "list":
			attrs = append(attrs, "objects_listed", p.ObjectsDone)
		case "write":
			attrs = append(attrs, "rows_written", p.RowsWritten, "rows_total", p.RowsTotal)
		default:
			attrs = append(attrs, "objects", p.ObjectsDone, "objects_total", p.ObjectsTotal, "events", p.Events,
				"mb_read", fmt.Sprintf("%.1f", float64(p.BytesRead)/1e6), "mb_total", fmt.Sprintf("%.1f", float64(p.BytesTotal)/1e6),
				"mb_per_s", fmt.Sprintf("%.1f", r.mbps))
		}
		if r.frac >= 0 {
			attrs = append(attrs, "percent", fmt.Sprintf("%.0f", r.frac*100))
		}
		if r.eta >= 0 {
			attrs = append(attrs, "eta", r.eta.String())
		}
		l.Info("progress", attrs...)
	}
}

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
