package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/trailhouse/trailhouse/query"
	"github.com/trailhouse/trailhouse/query/parse"
)

const shellHelp = `Statements end with ";" and may span lines. Up/down arrows walk the history
(kept in ~/.trailhouse_history). Ctrl-C cancels a running statement; Ctrl-D or
"quit" leaves.
  SHOW TABLES;  DESCRIBE cloudtrail_logs;  SHOW PARTITIONS cloudtrail_logs;
  SELECT eventname, count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
  EXPLAIN ANALYZE SELECT ...;`

// runShell is the interactive shell on a terminal.
func runShell(ctx context.Context, eng *query.Engine, qf *queryFlags, out, errOut io.Writer) error {
	fd := int(os.Stdin.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return fmt.Errorf("shell: %w", err)
	}
	restore := func() { term.Restore(fd, old) }
	defer restore()
	rw := struct {
		io.Reader
		io.Writer
	}{os.Stdin, os.Stdout}
	t := term.NewTerminal(rw, "trailhouse> ")
	hist := loadHistory()
	for _, h := range hist {
		t.History.Add(h)
	}
	fmt.Fprintln(t, "trailhouse "+version+` SQL shell ("help;" for help, Ctrl-D to leave)`)
	var buf strings.Builder
	for {
		line, err := t.ReadLine()
		if errors.Is(err, io.EOF) {
			fmt.Fprintln(t)
			saveHistory(hist)
			return nil
		}
		if err != nil {
			return err
		}
		if buf.Len() == 0 {
			switch strings.TrimSuffix(strings.TrimSpace(strings.ToLower(line)), ";") {
			case "quit", "exit":
				saveHistory(hist)
				return nil
			case "help":
				fmt.Fprintln(t, strings.ReplaceAll(shellHelp, "\n", "\r\n"))
				continue
			case "":
				continue
			}
		}
		buf.WriteString(line)
		buf.WriteString("\n")
		text := buf.String()
		if !strings.Contains(text, ";") || !complete(text) {
			t.SetPrompt("        -> ")
			continue
		}
		buf.Reset()
		t.SetPrompt("trailhouse> ")
		hist = append(hist, strings.TrimSpace(strings.ReplaceAll(text, "\n", " ")))
		// Run with the terminal cooked, so results print as usual and
		// Ctrl-C reaches us as a signal.
		restore()
		sctx, cancel := signal.NotifyContext(ctx, os.Interrupt)
		for _, pc := range parse.Split(text) {
			if err := runStatement(sctx, eng, qf, text, pc, out, errOut); err != nil {
				fmt.Fprintln(errOut, "error:", err)
				break
			}
		}
		cancel()
		if old, err = term.MakeRaw(fd); err != nil {
			return err
		}
	}
}

// complete reports whether text ends with a statement terminator outside
// quotes and comments.
func complete(text string) bool {
	pieces := parse.Split(text)
	if len(pieces) == 0 {
		return false
	}
	last := pieces[len(pieces)-1]
	rest := strings.TrimSpace(text[last.Pos.Offset+len(last.Text):])
	return strings.HasPrefix(rest, ";")
}

func historyPath() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".trailhouse_history")
}

func loadHistory() []string {
	b, err := os.ReadFile(historyPath())
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 500 {
		lines = lines[len(lines)-500:]
	}
	return lines
}

func saveHistory(h []string) {
	if p := historyPath(); p != "" {
		if len(h) > 500 {
			h = h[len(h)-500:]
		}
		_ = os.WriteFile(p, []byte(strings.Join(h, "\n")+"\n"), 0o600)
	}
}
