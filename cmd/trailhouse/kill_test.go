package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/record"
	"github.com/trailhouse/trailhouse/partition"
)

// TestConvertSurvivesSIGKILL runs the real binary and kills it with SIGKILL
// at random points (listing, reading, spilling, writing Parquet, committing),
// adds new objects to the source between some kills, then lets a run finish
// and checks the lake event by event: every distinct eventID of the source
// exactly once, nothing else. TRAILHOUSE_KILL_SEED overrides the seed of the
// kill delays.
func TestConvertSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and converts 60,000 events (20,000 with -race) several times")
	}
	seed := uint64(1)
	if s := os.Getenv("TRAILHOUSE_KILL_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("TRAILHOUSE_KILL_SEED: %v", err)
		}
		seed = v
	}
	t.Logf("kill seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))

	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	in := filepath.Join(tmp, "in")
	lake := filepath.Join(tmp, "lake")
	// A run takes a couple of seconds; the -race binary is about five
	// times slower, so it gets a third of the events.
	events := "60000"
	if raceEnabled() {
		events = "20000"
	}
	gen := func(out string, seed int) {
		t.Helper()
		cmd := exec.Command(bin, "generate", "--out", out, "--accounts", "3", "--regions", "3",
			"--days", "3", "--events", events, "--seed", strconv.Itoa(seed))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("generate --seed %d: %v\n%s", seed, err, b)
		}
	}
	gen(in, 1)
	extra := []string{filepath.Join(tmp, "extra2"), filepath.Join(tmp, "extra3")}
	gen(extra[0], 2)
	gen(extra[1], 3)

	convertArgs := func(to string, more ...string) []string {
		return append([]string{"convert", "--from", in, "--to", to, "--progress", "none",
			"--lease-ttl", "1s", "--max-memory", "64000000"}, more...)
	}

	// Calibrate: how long does a whole run take on this machine (with
	// -race, on a loaded box)? Kill delays are spread over that span so
	// they land in every phase whatever the speed.
	start := time.Now()
	if b, err := exec.Command(bin, convertArgs(filepath.Join(tmp, "calibration"))...).CombinedOutput(); err != nil {
		t.Fatalf("calibration run: %v\n%s", err, b)
	}
	full := time.Since(start)
	os.RemoveAll(filepath.Join(tmp, "calibration"))
	t.Logf("a whole run takes %v", full.Round(time.Millisecond))

	const kills = 6
	addBefore := map[int]string{2: extra[0], 4: extra[1]}
	for i := range kills {
		if src, ok := addBefore[i]; ok {
			n := copySubset(t, rng, src, in)
			t.Logf("added %d objects of %s to the source", n, filepath.Base(src))
		}
		// One kill in three early (start-up, listing, the first reads), the
		// others anywhere up to a little past a whole run.
		lo, hi := 50*time.Millisecond, full*12/10
		if rng.IntN(3) == 0 {
			hi = max(full/4, 2*lo)
		}
		delay := lo + time.Duration(rng.Int64N(int64(hi-lo)))
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, convertArgs(lake)...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			// The run finished before the kill: fine, as long as it did.
			if err != nil {
				t.Fatalf("kill %d: run ended by itself before %v: %v\nstdout:\n%s\nstderr:\n%s",
					i, delay, err, stdout.String(), stderr.String())
			}
			t.Logf("kill %d: run finished before %v", i, delay)
		case <-time.After(delay):
			cmd.Process.Signal(syscall.SIGKILL)
			err := <-done
			var ee *exec.ExitError
			if errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled() {
				t.Logf("kill %d: killed after %v; lake then: %s", i, delay, lakePhase(t, lake))
			} else if err != nil {
				t.Fatalf("kill %d: run failed before the kill at %v: %v\nstdout:\n%s\nstderr:\n%s",
					i, delay, err, stdout.String(), stderr.String())
			} else {
				t.Logf("kill %d: run finished just as it was killed at %v", i, delay)
			}
		}
		// The killed run's lease (TTL 1s) must lapse before the next run.
		time.Sleep(1500 * time.Millisecond)
	}

	out, errOut, code := runBinary(bin, convertArgs(lake)...)
	if code != exitOK && code != exitProblems {
		t.Fatalf("final run: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if code == exitProblems {
		t.Logf("final run exited %d (objects with problems):\n%s", code, out)
	}
	t.Logf("final run:\n%s", out)

	out, errOut, code = runBinary(bin, convertArgs(lake, "--report", "json")...)
	if code != exitOK {
		t.Fatalf("second final run: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	var rep struct {
		Objects *int `json:"objects"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Objects == nil {
		t.Fatalf("second final run: report %v:\n%s", err, out)
	}
	if *rep.Objects != 0 {
		t.Errorf("second final run converted %d objects, want 0:\n%s", *rep.Objects, out)
	}
	if p := pendingRecords(t, lake); len(p) > 0 {
		t.Errorf("pending records left after two complete runs: %v", p)
	}

	want := sourceEventIDs(t, in)
	st, err := objstore.NewDir(lake)
	if err != nil {
		t.Fatal(err)
	}
	got := killLakeEventIDs(t, st)
	var missing, extraIDs, dups []string
	for id := range want {
		if len(got[id]) == 0 {
			missing = append(missing, id)
		} else if len(got[id]) > 1 {
			dups = append(dups, fmt.Sprintf("%s in %v", id, got[id]))
		}
	}
	for id := range got {
		if !want[id] {
			extraIDs = append(extraIDs, id)
		}
	}
	t.Logf("source: %d distinct events; lake: %d distinct events", len(want), len(got))
	for _, c := range []struct {
		what string
		ids  []string
	}{{"missing from the lake", missing}, {"more than once in the lake", dups}, {"in the lake but not in the source", extraIDs}} {
		if len(c.ids) == 0 {
			continue
		}
		sort.Strings(c.ids)
		t.Errorf("%d events %s, e.g.:\n  %s", len(c.ids), c.what, strings.Join(c.ids[:min(len(c.ids), 10)], "\n  "))
	}
}

// buildBinary builds ./cmd/trailhouse from the module root into dir, with
// -race when the test itself runs with it.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		t.Fatalf("go env GOMOD: %q %v", gomod, err)
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	bin := filepath.Join(dir, "trailhouse")
	args := []string{"build", "-o", bin}
	if raceEnabled() {
		args = append(args, "-race")
	}
	cmd := exec.Command("go", append(args, "./cmd/trailhouse")...)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return bin
}

func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" && s.Value == "true" {
			return true
		}
	}
	return false
}

func runBinary(bin string, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		code = -1
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), code
}

// copySubset copies about half of the objects under src/AWSLogs into
// dst/AWSLogs (the generator's keys carry a random token: none collide, which
// is checked). All of one tree's copied objects arrive at once, between runs,
// so its duplicate deliveries are converted by the same run.
func copySubset(t *testing.T, rng *rand.Rand, src, dst string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(src, "AWSLogs"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || rng.IntN(2) == 0 {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if _, err := os.Stat(to); err == nil {
			return fmt.Errorf("%s already in the source", rel)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// sourceEventIDs decodes every .json.gz object under dir and returns the
// distinct eventIDs.
func sourceEventIDs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json.gz") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		var doc struct {
			Records []struct {
				EventID string `json:"eventID"`
			}
		}
		if err := json.NewDecoder(zr).Decode(&doc); err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		for _, r := range doc.Records {
			if r.EventID == "" {
				return fmt.Errorf("%s: event without eventID", p)
			}
			ids[r.EventID] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// killLakeEventIDs returns, for each eventid of the lake's events table, the
// files holding it (once per row), as lakeEventIDs in internal/pipeline does.
func killLakeEventIDs(t *testing.T, lake objstore.Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	parts, err := partition.List(ctx, lake)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string][]string{}
	for _, p := range parts {
		for _, f := range p.Files {
			if !strings.HasPrefix(f.Key, partition.TableEvents+"/") {
				continue
			}
			err := partition.ReadRows(ctx, lake, f, func(r *record.Row) error {
				id, _ := r.Get(record.EventID)
				ids[id] = append(ids[id], f.Key)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return ids
}

// lakePhase says how far a killed run got: Parquet files and pending
// records in the lake.
func lakePhase(t *testing.T, lake string) string {
	t.Helper()
	parquet := 0
	filepath.WalkDir(filepath.Join(lake, partition.TableEvents), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".parquet") {
			parquet++
		}
		return nil
	})
	return fmt.Sprintf("%d parquet files, pending records %v", parquet, pendingRecords(t, lake))
}

func pendingRecords(t *testing.T, lake string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(filepath.Join(lake, "_trailhouse"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), "pending-") {
			rel, _ := filepath.Rel(lake, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}
