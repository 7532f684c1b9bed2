package main

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// TestConvertSIGINTDrains runs the real binary, sends SIGINT once it has
// listed its source (so that the drain lands while it reads), and checks that it stops cleanly: exit 0, a "stopped" report,
// no pending record; the next run converts the rest, and after compact
// (which removes AWS's duplicate deliveries split across the two runs)
// every event of the source is in the lake exactly once.
func TestConvertSIGINTDrains(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and converts 40,000 events twice")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	in, lake := filepath.Join(tmp, "in"), filepath.Join(tmp, "lake")
	if _, errs, code := runBinary(bin, "generate", "--out", in, "--accounts", "2", "--regions", "3", "--days", "3", "--events", "40000", "--seed", "5"); code != 0 {
		t.Fatalf("generate: %s", errs)
	}
	args := []string{"convert", "--from", in, "--to", lake, "--progress", "log", "--workers", "1", "--get-concurrency", "1"}

	cmd := exec.Command(bin, args...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		stderr  strings.Builder
		mu      sync.Mutex
		reading = make(chan string, 1)
		wg      sync.WaitGroup
	)
	wg.Go(func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			mu.Lock()
			stderr.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if strings.Contains(sc.Text(), "phase=list") {
				select {
				case reading <- sc.Text():
				default:
				}
			}
		}
	})
	t.Cleanup(func() { cmd.Process.Kill() })
	<-reading
	// Reading 40,000 events one object at a time takes about half a
	// second (more with -race): this lands the signal in the middle of it.
	time.Sleep(150 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	err = cmd.Wait()
	mu.Lock()
	errs := stderr.String()
	mu.Unlock()
	if err != nil {
		t.Fatalf("drained run: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), errs)
	}
	m := regexp.MustCompile(`stopped +on request: (\d+) objects not started`).FindStringSubmatch(stdout.String())
	if m == nil || m[1] == "0" || !strings.Contains(errs, "interrupt: stopping cleanly") {
		t.Fatalf("no clean stop after SIGINT:\nstdout:\n%s\nstderr:\n%s", stdout.String(), errs)
	}
	t.Logf("drained run: %s objects not started; %s", m[1], regexp.MustCompile(`objects +\d+ read`).FindString(stdout.String()))
	if p := pendingRecords(t, lake); len(p) != 0 {
		t.Errorf("pending records after a clean stop: %v", p)
	}

	out, errs, code := runBinary(bin, append(args, "--progress", "none")...)
	if code != 0 || strings.Contains(out, "stopped") {
		t.Fatalf("second run: code %d\n%s\n%s", code, out, errs)
	}
	if out, errs, code := runBinary(bin, "compact", "--lake", lake); code != 0 {
		t.Fatalf("compact: code %d\n%s\n%s", code, out, errs)
	}
	want := sourceEventIDs(t, in)
	st, _ := objstore.NewDir(lake)
	got := killLakeEventIDs(t, st)
	for id := range want {
		if len(got[id]) != 1 {
			t.Errorf("event %s is in the lake %d times", id, len(got[id]))
		}
	}
	for id := range got {
		if !want[id] {
			t.Errorf("event %s in the lake is not in the source", id)
		}
	}
	t.Logf("%d events, each once", len(want))
}
