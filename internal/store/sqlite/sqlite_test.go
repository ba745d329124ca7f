package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/internal/store/storetest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "kiez.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

// fill stores one of everything and returns what a reopened store must
// give back.
type contents struct {
	Datasets    []store.Dataset
	RuleFiles   []store.RuleFile
	Evaluations []store.Evaluation
	Accounts    []store.Account
	Session     store.Session
	Audit       []store.AuditEntry
}

func fill(t *testing.T, s store.Store) contents {
	t.Helper()
	ctx := context.Background()
	var c contents
	for i, content := range []string{"v1", "v2"} {
		d, err := s.PutDataset(ctx, store.Dataset{Programme: "bad-kreuznach", Year: 2024,
			Files:      []store.File{{Name: "zentrum.yaml", Content: []byte("zentrum: " + content)}, {Name: "leer.yaml", Content: []byte{}}},
			UploadedBy: "anna", UploadedAt: time.Date(2024, 5, i+1, 10, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		c.Datasets = append(c.Datasets, d)
	}
	rf, err := s.PutRuleFile(ctx, store.RuleFile{Name: "rules/programmes/bad-kreuznach.yaml", Programme: "bad-kreuznach",
		Version: "2024.1", Embedded: true, Content: []byte("id: bad-kreuznach\n"), UploadedAt: time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	c.RuleFiles = []store.RuleFile{rf}
	e, err := s.PutEvaluation(ctx, store.Evaluation{DatasetID: c.Datasets[1].ID, Programme: "bad-kreuznach", Year: 2024,
		Period: "2024-H1", RuleFileIDs: []int64{rf.ID}, Module: "github.com/kiez-go/kiez@v0.6.0", InputDigest: c.Datasets[1].Digest,
		Counts: map[string]int{"pass": 3, "fail": 1}, Results: []byte(`[{"rule":"ä"}]`), CreatedBy: "anna",
		CreatedAt: time.Date(2024, 5, 4, 0, 0, 0, 0, time.UTC), Duration: 1234567 * time.Nanosecond, Published: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Evaluations = []store.Evaluation{e}
	a := store.Account{Name: "anna", Role: "write", PasswordHash: "$argon2id$x", CreatedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.PutAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	c.Accounts = []store.Account{a}
	now := time.Now().UTC().Truncate(time.Microsecond)
	c.Session = store.Session{TokenHash: "ab", Account: "anna", CSRF: "c", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.PutSession(ctx, c.Session); err != nil {
		t.Fatal(err)
	}
	if err := s.Audit(ctx, store.AuditEntry{Time: now, Actor: "anna", Action: "check", Target: "evaluation 1", Detail: "ok"}); err != nil {
		t.Fatal(err)
	}
	c.Audit = []store.AuditEntry{{ID: 1, Time: now, Actor: "anna", Action: "check", Target: "evaluation 1", Detail: "ok"}}
	return c
}

// read reads back what fill stored.
func read(t *testing.T, s store.Store, like contents) contents {
	t.Helper()
	ctx := context.Background()
	var c contents
	for _, d := range like.Datasets {
		got, err := s.DatasetByID(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.Datasets = append(c.Datasets, got)
	}
	for _, f := range like.RuleFiles {
		got, err := s.RuleFile(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.RuleFiles = append(c.RuleFiles, got)
	}
	for _, e := range like.Evaluations {
		got, err := s.Evaluation(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.Evaluations = append(c.Evaluations, got)
	}
	var err error
	if c.Accounts, err = s.Accounts(ctx); err != nil {
		t.Fatal(err)
	}
	if c.Session, err = s.Session(ctx, like.Session.TokenHash); err != nil {
		t.Fatal(err)
	}
	if c.Audit, err = s.AuditLog(ctx, 0); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiez.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	want := fill(t, s)
	if diff := cmp.Diff(want, read(t, s, want), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("before closing (-want +got):\n%s", diff)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if diff := cmp.Diff(want, read(t, s, want), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("after reopening (-want +got):\n%s", diff)
	}
	// The next version continues where the file left off.
	d, err := s.PutDataset(context.Background(), store.Dataset{Programme: "bad-kreuznach", Year: 2024, Files: []store.File{{Name: "a.yaml"}}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Version != 3 {
		t.Errorf("version after reopening %d, want 3", d.Version)
	}
}

func TestOnlyItsFiles(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(context.Background(), filepath.Join(dir, "kiez.db"))
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s)
	// A query big enough to sort outside an index.
	if _, err := s.Evaluations(context.Background(), store.EvaluationFilter{}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if name := e.Name(); name != "kiez.db" && name != "kiez.db-wal" && name != "kiez.db-shm" {
			t.Errorf("the store made %s beside its database", name)
		}
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v, want no access for group and others", e.Name(), fi.Mode().Perm())
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err = os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"kiez.db"}, names); diff != "" {
		t.Errorf("files after Close (-want +got):\n%s", diff)
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, path := range []string{"", ":memory:", "file:x.db?mode=memory", filepath.Join(dir, "fehlt", "kiez.db")} {
		if s, err := Open(ctx, path); err == nil {
			s.Close()
			t.Errorf("Open(%q): no error", path)
		}
	}
	notDB := filepath.Join(dir, "text.db")
	if err := os.WriteFile(notDB, []byte("kein SQLite, nur Text, der lang genug ist, um wie eine Datei auszusehen"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(ctx, notDB); err == nil {
		s.Close()
		t.Errorf("Open(a text file): no error")
	}
	// Odd characters in the path are a file name, not DSN syntax.
	odd := filepath.Join(dir, "a?b#c%20d ä.db")
	s, err := Open(ctx, odd)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(odd); err != nil {
		t.Errorf("the database was not made at %s: %v", odd, err)
	}
}

// schemaOf is the schema of a database as SQL, for comparing.
func schemaOf(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestMigrateFromEachVersion makes a database at every earlier schema
// version, opens it with the code's migrations, and finds the newest
// schema (the same as a new database's) and a store that passes the
// conformance tests.
func TestMigrateFromEachVersion(t *testing.T) {
	ctx := context.Background()
	ms, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "neu.db")
	s, err := Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	want := schemaOf(t, fresh)
	for from := 0; from < len(ms); from++ {
		name := "from an empty file"
		if from > 0 {
			name = "from " + ms[from-1].name
		}
		t.Run(name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) store.Store {
				path := filepath.Join(t.TempDir(), "alt.db")
				if from > 0 {
					old, err := open(ctx, path, ms[:from])
					if err != nil {
						t.Fatal(err)
					}
					old.Close()
				}
				s, err := Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, schemaOf(t, path)); diff != "" {
					t.Errorf("schema after migrating from version %d (-new database +migrated):\n%s", from, diff)
				}
				return s
			})
		})
	}
}

// TestMigrations checks the migration machinery with migrations of its
// own: several applied in order and recorded, data kept, a failing one
// leaving the database as it was, a database newer than the code refused.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	fsys := fstest.MapFS{
		"m/001_first.sql":  {Data: []byte("CREATE TABLE a (x INTEGER);\nINSERT INTO a VALUES (1);")},
		"m/002_second.sql": {Data: []byte("ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'neu';\nCREATE TABLE b (z TEXT);")},
		"m/003_broken.sql": {Data: []byte("CREATE TABLE c (z TEXT);\nINSERT INTO nowhere VALUES (1);")},
	}
	all, err := loadMigrations(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := open(ctx, path, all[:1])
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = open(ctx, path, all[:2])
	if err != nil {
		t.Fatal(err)
	}
	var y string
	if err := s.reader.QueryRow(`SELECT y FROM a WHERE x = 1`).Scan(&y); err != nil || y != "neu" {
		t.Errorf("row after migration 002: %q, %v", y, err)
	}
	var versions []int
	rows, err := s.reader.Query(`SELECT version FROM schema_version ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v int
		rows.Scan(&v)
		versions = append(versions, v)
	}
	rows.Close()
	if diff := cmp.Diff([]int{1, 2}, versions); diff != "" {
		t.Errorf("schema_version (-want +got):\n%s", diff)
	}
	s.Close()

	before := schemaOf(t, path)
	if s, err := open(ctx, path, all); err == nil {
		s.Close()
		t.Fatal("a failing migration: no error")
	} else if !strings.Contains(err.Error(), "003_broken.sql") {
		t.Errorf("a failing migration: %v, want an error naming 003_broken.sql", err)
	}
	if diff := cmp.Diff(before, schemaOf(t, path)); diff != "" {
		t.Errorf("a failing migration changed the schema (-before +after):\n%s", diff)
	}

	_, err = open(ctx, path, all[:1])
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("opening a version 2 database with 1 migration: %v, want ErrSchemaTooNew", err)
	}

	for name, bad := range map[string]fstest.MapFS{
		"gap":      {"m/001_a.sql": {}, "m/003_c.sql": {}},
		"not 001":  {"m/002_b.sql": {}},
		"bad name": {"m/001_A b.sql": {}},
		"no sql":   {"m/001_a.txt": {}},
	} {
		if _, err := loadMigrations(bad, "m"); err == nil {
			t.Errorf("loadMigrations(%s): no error", name)
		}
	}
}

func TestSchemaTooNew(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiez.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.writer.Exec(`INSERT INTO schema_version (version, name, applied_at) VALUES (999, '999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open of a newer database: %v, want ErrSchemaTooNew", err)
	}
	t.Log(err)
}

// TestTwoStoresOneFile has two stores on one file (as two processes
// would) write at once: BEGIN IMMEDIATE and busy_timeout make the writes
// of one wait for the other's, and the versions have no gaps.
func TestTwoStoresOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiez.db")
	var stores [2]*Store
	for i := range stores {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	const writers, each = 4, 20
	errs := make(chan error, 2*writers*each)
	done := make(chan struct{})
	for w := range 2 * writers {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range each {
				_, err := stores[w%2].PutDataset(ctx, store.Dataset{Programme: "mainz", Year: 2024,
					Files: []store.File{{Name: "z.yaml", Content: []byte(strconv.Itoa(w*1000 + i))}}})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	for range 2 * writers {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Errorf("write: %v", err)
	}
	seen := map[string]bool{}
	for v := 1; v <= 2*writers*each; v++ {
		d, err := stores[v%2].Dataset(ctx, "mainz", 2024, v)
		if err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		if c := string(d.Files[0].Content); seen[c] {
			t.Errorf("version %d repeats %s", v, c)
		} else {
			seen[c] = true
		}
	}
	if _, err := stores[0].Dataset(ctx, "mainz", 2024, 2*writers*each+1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a version beyond %d: %v", 2*writers*each, err)
	}
}

// TestContextEndsWait: a write waiting for another store's write lock
// ends when its context does, not after busy_timeout.
func TestContextEndsWait(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiez.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tx, err := a.writer.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = b.PutDataset(short, store.Dataset{Programme: "mainz", Year: 2024, Files: []store.File{{Name: "z.yaml"}}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("PutDataset while another holds the lock: %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("PutDataset waited %v after its context ended", d)
	}
	// Reading is not blocked by the writer.
	if _, err := b.Datasets(ctx); err != nil {
		t.Errorf("Datasets while another writes: %v", err)
	}
}
