package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/s3test"
	"github.com/trailhouse/trailhouse/internal/synth"
	"github.com/trailhouse/trailhouse/schedules"
)

// TestScheduleDaemon starts the real binary as a daemon with a
// seconds-level schedule against the in-process S3 server, lets a run
// convert the first logs, adds new log objects, lets a later run convert
// them, sends SIGTERM, and checks the lake (every event of the source
// exactly once) and the run history. The S3 secret comes from the
// environment and must appear in no output.
func TestScheduleDaemon(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs a daemon for several seconds")
	}
	ctx := context.Background()
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	srv := s3test.Start(t)

	gen := func(seed int64) string {
		dir := filepath.Join(tmp, fmt.Sprintf("logs%d", seed))
		if _, err := synth.Generate(ctx, synth.Config{Accounts: 2, Regions: 2, Days: 2, Events: 3000, Seed: seed,
			DuplicateRate: 0.01}, dir, nil); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	first, second := gen(1), gen(2)
	src := srv.Store(t, "trail/")
	upload := func(dir string) int {
		n := 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			w, err := src.Create(ctx, filepath.ToSlash(rel))
			if err != nil {
				return err
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
			n++
			return w.Commit()
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	upload(first)

	cfg := filepath.Join(tmp, "trailhouse.yaml")
	store := func(indent string) string {
		return strings.ReplaceAll(fmt.Sprintf(`
endpoint_url: %s
path_style: true
region: us-east-1
access_key_id: %s
secret_access_key: ${TH_TEST_SECRET}
s3_retries: 2`, srv.URL, srv.AccessKeyID), "\n", "\n"+indent)
	}
	os.WriteFile(cfg, []byte(fmt.Sprintf(`lake:
  uri: s3://%[1]s/lake/%[2]s
sources:
  trail:
    uri: s3://%[1]s/trail/%[3]s
timezone: UTC
grace_period: 1m
retry: {attempts: 2, backoff: 1s}
jobs:
  convert:
    kind: convert
    schedule: "@every 2s"
    lookback: 3650
    lease_ttl: 10s
`, srv.Bucket, store("  "), store("    "))), 0o644)

	env := append(os.Environ(), "TH_TEST_SECRET="+srv.SecretAccessKey)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "schedule", "--config", cfg)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-exited
		}
	}()

	lake := srv.Store(t, "lake/")
	hist := &schedules.LakeHistory{Lake: lake}
	// converted returns the records so far, oldest first, and the events
	// of those that converted something.
	converted := func() ([]*schedules.Record, []int64) {
		rs, err := hist.Runs(ctx, "convert", 0)
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].Started.Before(rs[j].Started) })
		var ev []int64
		for _, r := range rs {
			if r.Events > 0 {
				ev = append(ev, r.Events)
			}
		}
		return rs, ev
	}
	waitUntil := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute) // a hang guard, not a measurement
		for !cond() {
			select {
			case err := <-exited:
				t.Fatalf("daemon exited while waiting for %s: %v\nstderr:\n%s", what, err, stderr.String())
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s\nstderr:\n%s", what, stderr.String())
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	waitUntil("a run converting the first logs", func() bool { _, ev := converted(); return len(ev) == 1 })
	// One more run with nothing new, then the second logs arrive.
	waitUntil("a run after it", func() bool { rs, _ := converted(); return len(rs) >= 2 })
	added := upload(second)
	t.Logf("added %d objects", added)
	waitUntil("a run converting the new logs", func() bool { _, ev := converted(); return len(ev) == 2 })

	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("daemon exit after SIGTERM: %v\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(2 * time.Minute):
		t.Fatalf("daemon did not exit after SIGTERM\nstderr:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "schedule stopped") {
		t.Errorf("no 'schedule stopped' line:\n%s", stderr.String())
	}

	// The lake: every event of both trees exactly once.
	want := sourceEventIDs(t, first)
	for id := range sourceEventIDs(t, second) {
		want[id] = true
	}
	got := killLakeEventIDs(t, lake)
	var missing, dups, extra int
	for id := range want {
		switch n := len(got[id]); {
		case n == 0:
			missing++
		case n > 1:
			dups++
		}
	}
	for id := range got {
		if !want[id] {
			extra++
		}
	}
	if missing+dups+extra > 0 || len(want) == 0 {
		t.Errorf("source %d events, lake %d: %d missing, %d duplicated, %d not in the source", len(want), len(got), missing, dups, extra)
	}
	if p := pendingS3(t, lake); len(p) > 0 {
		t.Errorf("pending run left in the lake after SIGTERM: %v", p)
	}

	// The history: every run ok or stopped, two that converted, none failed.
	rs, ev := converted()
	t.Logf("%d runs recorded; events converted %v", len(rs), ev)
	for _, r := range rs {
		if r.Outcome != schedules.OutcomeOK && r.Outcome != schedules.OutcomeStopped {
			t.Errorf("run %s: outcome %s, errors %v", r.Started, r.Outcome, r.Errors)
		}
		if r.Kind != "convert" || r.Finished.Before(r.Started) || r.Host == "" {
			t.Errorf("run record %+v", r)
		}
	}
	if len(ev) != 2 {
		t.Errorf("%d runs converted events, want 2", len(ev))
	}
	if rs[0].NewestEvent == nil {
		t.Errorf("first run recorded no newest event")
	}

	// status reads it all back, from the lake, as another process would.
	out, errOut, code := runBinaryEnv(env, bin, "status", "--config", cfg)
	if code != 0 || !strings.Contains(out, "job convert (convert)") || !strings.Contains(out, "newest converted event") {
		t.Errorf("status: exit %d\n%s\n%s", code, out, errOut)
	}
	for name, s := range map[string]string{"daemon stderr": stderr.String(), "daemon stdout": stdout.String(), "status": out + errOut} {
		if strings.Contains(s, srv.SecretAccessKey) {
			t.Errorf("%s shows the secret", name)
		}
	}
}

func pendingS3(t *testing.T, lake objstore.Store) []string {
	t.Helper()
	var out []string
	err := lake.List(context.Background(), "_trailhouse/state/", func(o objstore.Object) error {
		if strings.Contains(o.Key, "/pending-") {
			out = append(out, o.Key)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func runBinaryEnv(env []string, bin string, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), errb.String(), ee.ExitCode()
	} else if err != nil {
		return out.String(), err.Error(), -1
	}
	return out.String(), errb.String(), 0
}
