package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kiez-go/kiez/internal/store"
)

// crashChildEnv names the database a re-executed test binary writes to
// until it is killed (see TestCrash).
const crashChildEnv = "KIEZ_SQLITE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		os.Exit(crashChild(path))
	}
	os.Exit(m.Run())
}

// crashDataset is the dataset of a version in the crash test: three files
// of 64 KiB whose bytes follow from the version.
func crashDataset(version int) store.Dataset {
	r := rand.New(rand.NewPCG(uint64(version), 42))
	d := store.Dataset{Programme: "bad-kreuznach", Year: 2024, Version: version, UploadedBy: "crash"}
	for i := range 3 {
		b := make([]byte, 64<<10)
		for j := range b {
			b[j] = byte(r.Uint32())
		}
		d.Files = append(d.Files, store.File{Name: fmt.Sprintf("zentrum-%d.yaml", i), Content: b})
	}
	return d
}

// crashChild writes dataset versions to the database at path, one after
// another, and prints "writing VERSION" before and "committed VERSION"
// after each commit, until it is killed.
func crashChild(path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	next := 1
	if d, err := s.Dataset(ctx, "bad-kreuznach", 2024, 0); err == nil {
		next = d.Version + 1
	}
	for v := next; ; v++ {
		d := crashDataset(v)
		fmt.Printf("writing %d\n", v)
		if _, err := s.PutDataset(ctx, d); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		fmt.Printf("committed %d\n", v)
		if err := s.Audit(ctx, store.AuditEntry{Actor: "crash", Action: "upload-dataset", Target: fmt.Sprintf("bad-kreuznach/2024 v%d", v)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	}
}

// TestCrash kills a process that writes datasets with SIGKILL at a random
// moment, eight times over, and finds after each: the database intact,
// every version the process reported committed there byte for byte, and
// no version half written.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	path := filepath.Join(t.TempDir(), "kiez.db")
	reported := 0
	for round := range 8 {
		stopAfter := 3 + rand.IntN(8)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		seen := 0
		for seen < stopAfter && lines.Scan() {
			if strings.HasPrefix(lines.Text(), "writing ") {
				continue
			}
			v, err := strconv.Atoi(strings.TrimPrefix(lines.Text(), "committed "))
			if err != nil {
				t.Fatalf("round %d: child printed %q", round, lines.Text())
			}
			if v != reported+1 {
				t.Fatalf("round %d: child committed version %d after %d", round, v, reported)
			}
			reported = v
			seen++
		}
		if seen < stopAfter {
			cmd.Wait()
			t.Fatalf("round %d: the child stopped after %d versions: %s", round, seen, stderr.String())
		}
		// Kill it in the middle of the next write (a write takes some
		// milliseconds), or just after it.
		if !lines.Scan() || !strings.HasPrefix(lines.Text(), "writing ") {
			t.Fatalf("round %d: the child did not begin the next write: %q", round, lines.Text())
		}
		time.Sleep(time.Duration(rand.IntN(5000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		// The child went on writing while this side read: what it
		// reported before it died is still in the pipe. Read it to the
		// end (the child's death closes the pipe), so that at most the
		// write it was killed in is unreported.
		for lines.Scan() {
			if v, ok := strings.CutPrefix(lines.Text(), "committed "); ok {
				n, err := strconv.Atoi(v)
				if err != nil || n != reported+1 {
					t.Fatalf("round %d: child printed %q after version %d", round, lines.Text(), reported)
				}
				reported = n
			}
		}
		cmd.Wait()

		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("round %d: reopening after the kill: %v", round, err)
		}
		var check string
		if err := s.reader.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
			t.Fatalf("round %d: integrity_check %q, %v", round, check, err)
		}
		newest, err := s.Dataset(context.Background(), "bad-kreuznach", 2024, 0)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if newest.Version < reported || newest.Version > reported+1 {
			t.Fatalf("round %d: newest version %d, child reported %d committed", round, newest.Version, reported)
		}
		for v := 1; v <= newest.Version; v++ {
			got, err := s.Dataset(context.Background(), "bad-kreuznach", 2024, v)
			if err != nil {
				t.Fatalf("round %d: version %d: %v", round, v, err)
			}
			want := crashDataset(v)
			if len(got.Files) != len(want.Files) {
				t.Fatalf("round %d: version %d has %d files, want %d", round, v, len(got.Files), len(want.Files))
			}
			for i, f := range want.Files {
				// bytes.Equal, not cmp.Diff: cmp walks 64 KiB byte by byte.
				if got.Files[i].Name != f.Name || !bytes.Equal(got.Files[i].Content, f.Content) {
					t.Fatalf("round %d: version %d: file %d is %s of %d bytes, want %s as written", round, v, i, got.Files[i].Name, len(got.Files[i].Content), f.Name)
				}
			}
			if got.Digest != store.DatasetDigest(want.Files) {
				t.Errorf("round %d: version %d: digest %s", round, v, got.Digest)
			}
		}
		t.Logf("round %d: killed after %d reported versions, found %d", round, reported, newest.Version)
		reported = newest.Version
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
